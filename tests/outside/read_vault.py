"""Open an Ironkeep vault with a stock SQLCipher 4 binding, from outside Ironkeep.

Usage: read_vault.py DATABASE HEX_KEY  — prints the vault's schema version and the first
audit event, proving the file is standard SQLCipher 4 and readable with the key alone.
"""
import sys

from sqlcipher3 import dbapi2 as sqlcipher

db_path, hex_key = sys.argv[1], sys.argv[2]
conn = sqlcipher.connect(db_path)
conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
version = conn.execute("SELECT value FROM vault_meta WHERE key = 'schema_version'").fetchone()[0]
event = conn.execute("SELECT event FROM audit_log ORDER BY id LIMIT 1").fetchone()[0]
cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
print(f"schema_version={version} first_event={event} cipher_version={cipher}")
