#!/usr/bin/python3
"""Kernel latency benchmark: startup to kernel_info_reply, first cell, and the median round trip of `1+1`.

Runs StoryLab and, side by side in the same run, the Python kernel (ipykernel) when it is installed.
    /usr/bin/python3 tests/bench/kernel_latency.py [--runs 50]
The StoryLab kernelspec must be installed (./storylab install, or JUPYTER_PATH pointing at a prefix).
"""
import argparse
import statistics
import time

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager


def measure(name, code, runs):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    startup = time.perf_counter() - t0

    def roundtrip():
        t = time.perf_counter()
        msg_id = kc.execute(code)
        while True:
            reply = kc.get_shell_msg(timeout=120)
            if reply["parent_header"]["msg_id"] == msg_id:
                break
        return time.perf_counter() - t, reply["content"]["status"]

    first, status = roundtrip()
    assert status == "ok", status
    times = [roundtrip()[0] for _ in range(runs)]
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return startup, startup + first, statistics.median(times), min(times), max(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    specs = KernelSpecManager().find_kernel_specs()
    rows = []
    for name, code in (("storylab", "1+1"), ("python3", "1+1")):
        if name not in specs:
            print(f"(kernel {name} not installed: skipped)")
            continue
        rows.append((name,) + measure(name, code, args.runs))
    print(f"\n{'kernel':<10} {'startup→kernel_info':>20} {'startup→first result':>21} {'median 1+1':>11} {'min':>8} {'max':>8}   (n={args.runs})")
    for name, startup, first, med, lo, hi in rows:
        print(f"{name:<10} {startup:>19.2f}s {first:>20.2f}s {med*1000:>9.1f}ms {lo*1000:>6.1f}ms {hi*1000:>6.1f}ms")


if __name__ == "__main__":
    main()
