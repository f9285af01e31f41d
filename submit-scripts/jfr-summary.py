#!/usr/bin/env python3
"""Where a JFR recording's samples went: `submit-scripts/jfr-summary.py RECORDING.jfr [TOP]`.

Reads `jfr print` of jdk.ExecutionSample (threads running Java) and jdk.NativeMethodSample (threads inside JNI: ND4J's
ops; waiting threads left out), counts each sample once under the first category whose pattern matches any frame of its stack (inclusive, in
the order below), prints the share per category, the hottest top frames, and the GC pause total.
"""
import collections, re, subprocess, sys

CATEGORIES = [  # first match wins: the outermost purpose of the sample
    ("averaging (driver: sum, set params)", r"OrderedAveraging|ParameterAveragingElement|processResults"),
    ("broadcast", r"TorrentBroadcast|broadcast\.|NetBroadcastTuple"),
    ("result/task (de)serialization", r"serializer|Serializ|kryo|Kryo|ObjectInputStream|ObjectOutputStream"),
    ("worker model init", r"ParameterAveragingTrainingWorker\.getInitialModel|MultiLayerNetwork\.init"),
    ("fit (forward/backward/update)", r"MultiLayerNetwork\.fit|computeGradientAndScore|BaseOptimizer|StochasticGradientDescent"),
    ("batch building", r"dev\.seqtrain\.batch|RowBatcher|PreparedBatches|LengthBuckets"),
    ("shuffle / Spark SQL rows", r"org\.apache\.spark\.sql|ShuffleMapTask|sort\.|ExternalSorter|UnsafeRow"),
    ("validation", r"Evaluator|OnePassEvaluation"),
    ("Spark scheduling / netty / other spark", r"org\.apache\.spark|io\.netty"),
]


# native frames of threads that wait (netty's selector, sockets, parking): not work
IDLE = r"EPoll\.wait|\.poll|accept|Unsafe\.park|Object\.wait|Thread\.sleep|socketRead|read0|epollWait"


def events(path, kind):
    out = subprocess.run(["jfr", "print", "--stack-depth", "96", "--events", kind, path], capture_output=True, text=True, check=True).stdout
    for block in out.split(kind + " {")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+\([^)]*\))", block, re.M)
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        yield (thread.group(1) if thread else "?"), frames


def main():
    path, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
    cats, tops, total = collections.Counter(), collections.Counter(), 0
    for kind in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
        for thread, frames in events(path, kind):
            if not frames or re.search(IDLE, frames[0]):
                continue
            total += 1
            tops[frames[0].split("(")[0]] += 1
            stack = "\n".join(frames)
            cats[next((n for n, p in CATEGORIES if re.search(p, stack)), "other")] += 1
    print(f"{path}: {total} samples")
    for n, c in cats.most_common():
        print(f"  {100 * c / total:5.1f}%  {n}")
    print("  hottest top frames:")
    for n, c in tops.most_common(top):
        print(f"  {100 * c / total:5.1f}%  {n}")
    gc = subprocess.run(["jfr", "print", "--events", "jdk.GarbageCollection", path], capture_output=True, text=True).stdout
    pauses = [float(x) for x in re.findall(r"sumOfPauses = ([\d.]+) ms", gc)]
    print(f"  GC: {len(pauses)} collections, {sum(pauses) / 1000:.2f} s of pauses")


if __name__ == "__main__":
    main()
