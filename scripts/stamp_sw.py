#!/usr/bin/env python3
"""Writes the service worker into the app's build folder with its cache named after the build.

public/sw.js serves the app shell cache-first from a cache named CACHE. A new build must get a new name,
so the browser (which compares /sw.js byte for byte on every navigation) installs the new worker, which
precaches the new files as one set and drops the old cache: a tablet never runs a magtreg.js of one build
with a magtreg.wasm of another. The name is a hash of every file the worker precaches.

Usage: stamp_sw.py PUBLIC_DIR APP_DIR   (writes APP_DIR/sw.js; the server serves APP_DIR before PUBLIC_DIR)
"""
import hashlib
import re
import sys
from pathlib import Path


def main() -> int:
    public, app = Path(sys.argv[1]), Path(sys.argv[2])
    source = (public / "sw.js").read_text(encoding="utf-8")
    digest = hashlib.sha256(source.encode("utf-8"))
    for name in ("magtreg.js", "magtreg.wasm"):
        digest.update((app / name).read_bytes())
    for name in ("index.html", "boot.js", "app.css", "manifest.webmanifest", "icon.svg"):
        digest.update((public / name).read_bytes())
    stamped, count = re.subn(r"const CACHE = '[^']*';", f"const CACHE = 'magtreg-app-{digest.hexdigest()[:16]}';",
                             source)
    if count != 1:
        print("stamp_sw.py: public/sw.js has no single \"const CACHE = '...';\" line", file=sys.stderr)
        return 1
    target = app / "sw.js"
    if not target.exists() or target.read_text(encoding="utf-8") != stamped:
        target.write_text(stamped, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
