"""Reads `rasa test nlu` reports, prints intent and entity F1, and fails below the floor."""
import json
import sys
from pathlib import Path


def weighted_f1(report_path: Path) -> float:
    report = json.loads(report_path.read_text())
    return report["weighted avg"]["f1-score"]


def main(results_dir: str, floor: str) -> int:
    results = Path(results_dir)
    floor_value = float(floor)
    scores = {"intent": weighted_f1(results / "intent_report.json")}
    for report in sorted(results.glob("*Extractor_report.json")):
        scores[f"entity ({report.name.removesuffix('_report.json')})"] = weighted_f1(report)
    if len(scores) < 2:
        print("error: no entity extractor report found in", results)
        return 1
    failed = False
    for name, value in scores.items():
        verdict = "ok" if value >= floor_value else f"BELOW {floor_value:.2f}"
        failed |= value < floor_value
        print(f"NLU {name} F1 = {value:.3f} ({verdict})")
    matrix = results / "intent_confusion_matrix.png"
    print(f"confusion matrix: {matrix}" if matrix.exists() else "error: confusion matrix PNG missing")
    return 1 if failed or not matrix.exists() else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
