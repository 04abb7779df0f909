"""Peer of bench/mlflow-logging.ts: the Python MLflow client logs the same 10,000 metric values
(one key, steps 0..N-1) with log_batch into fresh runs on the same server.
Usage: mlflow_logging.py TRACKING_URI EXPERIMENT_ID VALUES REPEATS -> {"ms": [...], "version"}."""
import json
import sys
import time

import mlflow
from mlflow.entities import Metric
from mlflow.tracking import MlflowClient


def main():
    uri, experiment_id, values, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    client = MlflowClient(tracking_uri=uri)
    ms = []
    for i in range(repeats):
        run = client.create_run(experiment_id, run_name=f"py-{i}")
        now = int(time.time() * 1000)
        metrics = [Metric("loss", 1 / (step + 1), now, step) for step in range(values)]
        start = time.perf_counter()
        client.log_batch(run.info.run_id, metrics=metrics, synchronous=True)
        ms.append((time.perf_counter() - start) * 1000)
        client.set_terminated(run.info.run_id)
    print(json.dumps({"ms": ms, "version": mlflow.__version__}))


if __name__ == "__main__":
    main()
