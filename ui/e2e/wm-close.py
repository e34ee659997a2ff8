#!/usr/bin/env python3
"""Asks the windows named NAME on $DISPLAY to close, as a window manager's close button
does: an ICCCM WM_DELETE_WINDOW client message to each top-level window of that name.
The journeys' X display runs no window manager, so they send it themselves (WebDriver's
Close Window is no substitute: it destroys the web view without asking the window).
Exits 1 when no window has that name. Needs only Python and libX11."""

import ctypes
import sys

CLIENT_MESSAGE = 33
NO_EVENT_MASK = 0

c_ulong_p = ctypes.POINTER(ctypes.c_ulong)


class ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]


def main(name: bytes) -> int:
    x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XQueryTree.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        c_ulong_p,
        c_ulong_p,
        ctypes.POINTER(c_ulong_p),
        ctypes.POINTER(ctypes.c_uint),
    ]
    x11.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

    display = x11.XOpenDisplay(None)
    if not display:
        print("no X display", file=sys.stderr)
        return 1
    protocols = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
    delete = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
    root_return, parent, children, count = ctypes.c_ulong(), ctypes.c_ulong(), c_ulong_p(), ctypes.c_uint()
    x11.XQueryTree(display, x11.XDefaultRootWindow(display), ctypes.byref(root_return), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(count))
    sent = 0
    for i in range(count.value):
        window = children[i]
        title = ctypes.c_char_p()
        if not x11.XFetchName(display, window, ctypes.byref(title)) or title.value != name:
            continue
        event = XEvent()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = protocols
        event.xclient.format = 32
        event.xclient.data[0] = delete
        event.xclient.data[1] = 0  # CurrentTime
        x11.XSendEvent(display, window, 0, NO_EVENT_MASK, ctypes.byref(event))
        sent += 1
    x11.XFlush(display)
    x11.XCloseDisplay(display)
    if sent == 0:
        print(f"no window named {name.decode()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].encode()))
