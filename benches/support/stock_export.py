"""The stock tools' half of the backup comparison in benches/backup.rs.

Usage: stock_export.py DATABASE IMAGE < HEX_KEY — opens an Ironkeep vault with a stock
SQLCipher 4 binding (the key as `secret-tool lookup` prints it, read from standard input
so it never shows in a process list) and `sqlcipher_export`s it into a new plain SQLite
file IMAGE, the image that `age -r` then encrypts.
"""
import sys

from sqlcipher3 import dbapi2 as sqlcipher

db_path, image_path = sys.argv[1], sys.argv[2]
hex_key = sys.stdin.readline().strip()
conn = sqlcipher.connect(db_path)
conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
conn.execute("ATTACH DATABASE ? AS plain KEY ''", (image_path,))
# The image is a throwaway file, as Ironkeep's in-memory image is: no rollback journal and
# no fsync per table (with SQLite's defaults the export took 0.77 s instead of 0.11 s).
conn.execute("PRAGMA plain.journal_mode = OFF")
conn.execute("PRAGMA plain.synchronous = OFF")
conn.execute("SELECT sqlcipher_export('plain')")
conn.execute("DETACH DATABASE plain")
conn.close()
