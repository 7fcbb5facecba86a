"""Simulated Work Queue workers (protocol 9) for the manager benchmarks: COUNT connections from one process.

idle: handshake, answer `check`; tasks are accepted and never finish (the manager stays busy-idle).
fast: every task finishes at once with exit 0; every `get` is answered with a 2-byte file.
Prints `connected N` once all handshakes are sent, then runs until the manager closes or it is killed.
"""
import argparse
import asyncio
import os
import sys

HANDSHAKE = ("workqueue 9 sim Linux x86_64 8.0.0\ninfo worker-id worker-{id:032x}\nalive\n"
             "resource workers 1 1 1\nresource disk 100000 100000 100000\nresource memory 100000 100000 100000\n"
             "resource gpus 0 0 0\nresource cores {cores} {cores} {cores}\nresource tag 0\n"
             "info end_of_resource_update 0\ninfo tasks_running 0\ninfo worker-end-time 0\n")


async def worker(n: int, host: str, port: int, mode: str, cores: int, ready: asyncio.Event, counter: list) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(HANDSHAKE.format(id=n + 1, cores=cores).encode())
    await writer.drain()
    counter[0] += 1
    if counter[0] == counter[1]:
        ready.set()
    done: list[str] = []
    try:
        while line := await reader.readline():
            words = line.decode().split()
            if not words:
                continue
            verb = words[0]
            if verb == "check":
                writer.write(b"alive\ninfo tasks_running 0\n")
            elif verb == "put":
                await reader.readexactly(int(words[2]))
            elif verb == "task":
                tid = words[1]
                while True:
                    sub = (await reader.readline()).decode().split()
                    if not sub:
                        continue
                    if sub[0] in ("cmd", "env", "coprocess"):
                        await reader.readexactly(int(sub[1]))
                    elif sub[0] == "end":
                        break
                if mode == "fast":
                    done.append(tid)
                    writer.write(b"available_results\n")
            elif verb == "send_results":
                out = "".join(f"result 0 0 0 0 {t}\n" for t in done)
                done.clear()
                writer.write((out + "end\n").encode())
            elif verb == "get":
                writer.write(f"file {words[1]} 2\nk\nend\n".encode())
            elif verb in ("exit", "release"):
                break
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--mode", choices=["idle", "fast"], default="idle")
    ap.add_argument("--cores", type=int, default=1)
    a = ap.parse_args()
    ready = asyncio.Event()
    counter = [0, a.count]
    tasks = [asyncio.create_task(worker(i, a.host, a.port, a.mode, a.cores, ready, counter)) for i in range(a.count)]
    await ready.wait()
    print(f"connected {a.count}", flush=True)
    await asyncio.gather(*tasks, return_exceptions=True)


if __name__ == "__main__":
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    except (ImportError, ValueError, OSError):
        pass
    asyncio.run(main())
    sys.exit(0)
