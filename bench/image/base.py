#!/usr/bin/env python3
"""Builds a container base image without a registry or a container engine, for builders that cannot pull one.

    bench/image/base.py <output.tar> [--java-home DIR] [--libc6-deb FILE]

The image holds what a Java service needs and nothing else, like a distroless Java image: a Java runtime linked with
jlink from the build's JDK (the modules the example's classes use, see MODULES), the C library from Debian's libc6
package (downloaded with `apt-get download libc6` unless --libc6-deb names one; the JDK's own binaries need only
libc, libm, libdl, libpthread, librt and the dynamic loader), an unprivileged user 65532 (`nonroot`, as in
distroless images) and a writable /tmp. The result is a `docker save` style archive that Jib reads as a base image
(`-Dimage.base=tar://<output.tar>`). Runs on a Debian or Ubuntu build machine of the image's architecture.
"""
import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# jdeps --print-module-deps over the example's runtime class path, plus jdk.unsupported (sun.misc.Signal, for the
# reload signals) and jdk.jfr (flight recordings of a running service)
MODULES = ["java.base", "java.compiler", "java.desktop", "java.naming", "java.net.http", "java.security.jgss",
           "java.sql", "jdk.management", "jdk.unsupported", "jdk.jfr"]
NONROOT = 65532


def run(*cmd, cwd=None):
    subprocess.run(cmd, check=True, cwd=cwd)


def jlink(java_home: Path, out: Path):
    run(str(java_home / "bin" / "jlink"), "--add-modules", ",".join(MODULES), "--strip-debug", "--no-man-pages",
        "--no-header-files", "--compress=zip-6", "--output", str(out))


def libc(deb: Path | None, work: Path) -> Path:
    if deb is None:
        run("apt-get", "download", "libc6", cwd=work)
        deb = next(work.glob("libc6_*.deb"))
    root = work / "libc6"
    run("dpkg-deb", "-x", str(deb), str(root))
    return root


def add_tree(tar: tarfile.TarFile, source: Path, prefix: str):
    """Adds a directory's content under prefix, owned by root, sorted: the same input gives the same layer."""
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source).as_posix()
        if rel.startswith("usr/share/doc") or rel.startswith("usr/share/lintian"):
            continue
        info = tar.gettarinfo(str(path), arcname=f"{prefix}{rel}")
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = 0
        if info.isfile():
            with open(path, "rb") as f:
                tar.addfile(info, f)
        else:
            tar.addfile(info)


def add_entry(tar: tarfile.TarFile, name: str, *, content: bytes | None = None, mode: int = 0o755,
              owner: int = 0, directory: bool = False):
    info = tarfile.TarInfo(name)
    info.mode = mode
    info.uid = info.gid = owner
    info.mtime = 0
    if directory:
        info.type = tarfile.DIRTYPE
        tar.addfile(info)
    else:
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--java-home", default=os.environ.get("JAVA_HOME"))
    parser.add_argument("--libc6-deb")
    args = parser.parse_args()
    if not args.java_home:
        sys.exit("set JAVA_HOME or pass --java-home: the JDK whose runtime goes into the image")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        jlink(Path(args.java_home), work / "java")
        libc_root = libc(Path(args.libc6_deb) if args.libc6_deb else None, work)

        layer = work / "layer.tar"
        with tarfile.open(layer, "w", format=tarfile.PAX_FORMAT) as tar:
            # etc, lib, lib64 and usr come with libc6
            for d in ["home", "opt"]:
                add_entry(tar, d, directory=True)
            add_entry(tar, "tmp", directory=True, mode=0o1777)
            add_entry(tar, "home/nonroot", directory=True, mode=0o700, owner=NONROOT)
            add_entry(tar, "etc/passwd", mode=0o644, content=(
                "root:x:0:0:root:/root:/sbin/nologin\n"
                f"nonroot:x:{NONROOT}:{NONROOT}:nonroot:/home/nonroot:/sbin/nologin\n").encode())
            add_entry(tar, "etc/group", mode=0o644, content=f"root:x:0:\nnonroot:x:{NONROOT}:\n".encode())
            add_entry(tar, "etc/nsswitch.conf", mode=0o644, content=b"passwd: files\ngroup: files\nhosts: files dns\n")
            add_tree(tar, libc_root, "")
            add_tree(tar, work / "java", "opt/java/")
        digest = hashlib.sha256(layer.read_bytes()).hexdigest()

        config = {
            "architecture": "amd64",
            "os": "linux",
            "config": {
                "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java"],
                "User": str(NONROOT),
                "WorkingDir": "/home/nonroot",
            },
            "rootfs": {"type": "layers", "diff_ids": [f"sha256:{digest}"]},
            "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "bench/image/base.py: jlink "
                         + ",".join(MODULES) + " + Debian libc6"}],
        }
        config_bytes = json.dumps(config, sort_keys=True).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        manifest = [{"Config": config_name, "RepoTags": ["pgapi-base:local"], "Layers": [f"{digest}/layer.tar"]}]
        with tarfile.open(args.output, "w") as out:
            add_entry(out, config_name, content=config_bytes, mode=0o644)
            add_entry(out, "manifest.json", content=json.dumps(manifest).encode(), mode=0o644)
            info = out.gettarinfo(str(layer), arcname=f"{digest}/layer.tar")
            info.mtime = 0
            with open(layer, "rb") as f:
                out.addfile(info, f)
    print(f"{args.output}: base image with {len(MODULES)} JDK modules, libc6, user {NONROOT}")


if __name__ == "__main__":
    main()
