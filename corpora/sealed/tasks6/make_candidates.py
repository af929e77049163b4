"""Candidates for sealed tasks round 6: archive pages with a count of work a status word governs."""
import gzip, json, random, re, glob, csv
used_ids, used_texts = set(), set()
for p in glob.glob('/work/main/corpora/**/SOURCES*.tsv', recursive=True):
    for row in open(p, encoding='utf-8'):
        cols = row.rstrip('\n').split('\t')
        if len(cols) > 1: used_ids.add(cols[1]); used_ids.add(cols[2] if len(cols) > 2 else '')
for p in glob.glob('/work/main/corpora/**/skipped*.log', recursive=True):
    for row in open(p, encoding='utf-8'):
        cols = row.rstrip('\n').split('\t')
        if len(cols) > 2: used_ids.add(cols[2])
for p in glob.glob('/work/main/corpora/**/*.txt', recursive=True):
    used_texts.add(open(p, encoding='utf-8', errors='replace').read())
STATUS = r"(?:hoàn thành|được giao|giao|ban hành|triển khai|thực hiện|trình|còn|chưa|đạt|phê duyệt|xây dựng|thông qua|đề ra|xử lý|giải quyết|tổ chức|cắt giảm|đơn giản hóa|cung cấp|tích hợp|công bố)"
NOT_UNIT = r"(?!(?:%|tỷ|triệu|nghìn|ngàn|đồng|usd|người|năm|tháng|ngày|tuần|giờ|phút|lần|lượt|ha|km|tấn|kg|học sinh|hộ)\b)"
PAT = re.compile(STATUS + r"[^.;\n\d]{0,30}?(?<![\d./,])\d{1,6}(?:\.\d{3})*\s+" + NOT_UNIT + r"[a-zđàáảãạăâèéêìíòóôơùúưỳý]", re.I)
rows = []
with gzip.open('/work/shared/corpus/archive/vn-gov-news-5k.jsonl.gz', 'rt') as f:
    for n, l in enumerate(f, 1):
        r = json.loads(l)
        t = r['text']
        if r['id'] in used_ids or t in used_texts or len(t) > 20000:
            continue
        hits = len(PAT.findall(t))
        if hits >= 2:
            rows.append((n, r['id'], r['source'], hits))
random.Random(20261206).shuffle(rows)
with open('/work/t6/candidates.tsv', 'w', encoding='utf-8') as out:
    out.write('order\tline\tid\tsource\thits\n')
    for k, (n, i, s, h) in enumerate(rows, 1):
        out.write(f'{k}\t{n}\t{i}\t{s}\t{h}\n')
print(len(rows), 'candidates;', len(used_ids), 'used ids')
