"""The signer of a committee's own document, who signs as one of its heads: a decision of a
Ban Chỉ đạo signed "TRƯỞNG BAN / PHÓ THỦ TƯỚNG / Nguyễn Văn A", a council's notice signed "KT.
CHỦ TỊCH HỘI ĐỒNG / PHÓ CHỦ TỊCH / ...". The signer holds the role the signature block names
last (the deputy's, after "KT."), in the committee that issues the document; a job title
printed under the role is the signer's position. A document that a standing body issues
("KT. CHỦ TỊCH" of a people's committee) names no committee here: its issuer is none."""
from __future__ import annotations

from extractor.recognizers.committees.context import Candidate, Context, role_of
from extractor.recognizers.committees.frames.common import candidates
from extractor.recognizers.committees.items import Part, fold

NAME = "signer"
PRIORITY = 1
_BLOCK = 160   # characters above the signer's name where the block's title lines stand


def find(ctx: Context) -> list[Candidate]:
    document = ctx.doc.document
    signer = document.signer if document else None
    if signer is None or not signer.name or not document.issuer:
        return []
    entity = next((k for k, e in enumerate(ctx.entities) if fold(e.name) == fold(document.issuer)), -1)
    if entity < 0:
        return []
    named = [m for m in ctx.people if fold(m.name) == fold(signer.name)]
    if not named:
        return []
    at = ctx.sp.start[named[-1].name_i]   # the block closes the document: the last mention
    roles = [r for r in ctx.sp.between("role", max(0, at - _BLOCK), at)
             if ctx.text[r.start:r.end].isupper() and _own_line(ctx.text, r.start, r.end)]
    if not roles:
        return []
    role = roles[-1]
    jobs = [p for p in ctx.sp.between("position", role.end, at) if ctx.text[p.start:p.end].isupper()]
    position = jobs[-1].value if jobs and fold(jobs[-1].value) != fold(role_of(role).value) else None
    part = Part("person", signer.name, position, None, None, -1, named[-1].start, named[-1].end)
    return candidates(ctx, [part], role_of(role), entity, PRIORITY, NAME)


def _own_line(text: str, a: int, b: int) -> bool:
    """The role fills its line of the block (emphasis and "KT." aside)."""
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:a].strip(" \t*|").removeprefix("KT.").removeprefix("TM.").strip(" \t*")
    return not before and not text[b:line_end].strip(" \t*|")
