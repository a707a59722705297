# Every figure on the report page (a span with data-f="[SPLIT:]JSON/PATH") must
# equal that path of caseread tally --format json [--by SPLIT], and every key
# question's figures must be on the page. Usage: PAGE JSON JSON-BY-INSPECTOR
# JSON-BY-CASE-TYPE. Prints what differs; exits 1 if anything does.
import html, json, re, sys

page = open(sys.argv[1], encoding="utf-8").read()
js = {"": json.load(open(sys.argv[2])),
      "inspector": json.load(open(sys.argv[3])),
      "case-type": json.load(open(sys.argv[4]))}
bad = 0

def lookup(d, parts):
    for p in parts:
        d = d[int(p)] if isinstance(d, list) else d[p]
    return d

def shown(v):
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return "%.1f" % v
    return str(v)

seen = set()
figs = re.findall(r'<span data-f="([^"]*)">([^<]*)</span>', page)
for path, text in figs:
    path, text = html.unescape(path), html.unescape(text)
    split = ""
    if path.startswith("inspector:") or path.startswith("case-type:"):
        split, path = path.split(":", 1)
    try:
        want = lookup(js[split], path.split("/"))
    except (KeyError, IndexError, ValueError):
        print("page figure %s:%s = %r is not in the JSON" % (split, path, text))
        bad = 1
        continue
    if want is None or shown(want) != text:
        print("page figure %s:%s is %r, the JSON's %r" % (split, path, text, want))
        bad = 1
    seen.add((split, path))

for k, v in js[""]["key_questions"].items():
    for f in ("yes", "no", "na", "unanswered", "applicable", "percent", "band"):
        if v[f] is not None and ("", "key_questions/%s/%s" % (k, f)) not in seen:
            print("key question %s: %s is not on the page" % (k, f))
            bad = 1
for split in ("inspector", "case-type"):
    for g, keys in js[split]["by"].items():
        for k, v in keys.items():
            for f in ("yes", "applicable", "percent"):
                if v[f] is not None and (split, "by/%s/%s/%s" % (g, k, f)) not in seen:
                    print("%s %s, %s: %s is not on the page" % (split, g, k, f))
                    bad = 1
for s, v in js[""]["standards"].items():
    if v["rating"] is not None and ("", "standards/%s/rating" % s) not in seen:
        print("standard %s: its rating is not on the page" % s)
        bad = 1
# Provisional states and the meetings' reasons, where the tally has them.
for s, v in js[""]["standards"].items():
    for f in ("provisional_reason", "v12_reason", "panel_reason"):
        if v.get(f) and ("", "standards/%s/%s" % (s, f)) not in seen:
            print("standard %s: its %s is not on the page" % (s, f))
            bad = 1
for k, v in js[""]["domain_one_reasons"].items():
    if v and ("", "domain_one_reasons/" + k) not in seen:
        print("domain one %s: its reason is not on the page" % k)
        bad = 1
if js[""]["overall"]["provisional_reason"] and ("", "overall/provisional_reason") not in seen:
    print("the overall's provisional reason is not on the page")
    bad = 1
if js[""]["cases"]["withdrawn"] and ("", "cases/withdrawn") not in seen:
    print("the withdrawn cases are not on the page")
    bad = 1
o = js[""]["overall"]
for f in ("score", "rating", "score_min", "score_max"):
    if o[f] is not None and o["score"] is None and f.startswith("score_") and ("", "overall/" + f) not in seen:
        print("overall %s is not on the page" % f)
        bad = 1
if o["score"] is not None and ("", "overall/score") not in seen:
    print("overall score is not on the page")
    bad = 1
print("%d figures compared" % len(figs))
sys.exit(bad)
