"""Rebuild the sample committee papers that ``layouts/agenda-corporate-parenting.toml`` puts in its pack.

They stand in for papers a clerk receives from elsewhere, so they are plain ReportLab documents with
their own running headers, page numbers and (for the report) bookmarks, not boardpack output. The text is
abridged from the Corporate Parenting Panel's published minutes of 9 April 2019, and from the revised policy
report and the performance report's covering report to its meeting of 2 July 2019; the covering report is the
paper boardpack's appendix is Appendix A to. ReportLab's invariant mode makes every run write the same bytes.

    .venv/bin/python sample_papers/generate.py
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
MINUTES = "minutes-2019-04-09.pdf"
POLICY = "extensions-adaptations-policy.pdf"
COVERING_REPORT = "corporate-parenting-performance-report.pdf"

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=15, spaceAfter=8)
HEADING = ParagraphStyle("heading", parent=BODY, fontName="Helvetica-Bold", spaceBefore=8)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=14, leading=18, spaceAfter=12)
BULLET = ParagraphStyle("bullet", parent=BODY, leftIndent=18, bulletIndent=4, spaceAfter=4)
LABEL = ParagraphStyle("label", parent=BODY, fontName="Helvetica-Bold", spaceAfter=2)
NUMBERED = ParagraphStyle("numbered", parent=BODY, leftIndent=28, firstLineIndent=-28)

MINUTE_ITEMS = [
    ("57. APOLOGIES FOR ABSENCE",
     ["Apologies for absence were received from Alisa Barr and Mary Jarrett."]),
    ("58. DECLARATIONS OF INTEREST",
     ["There were no Declarations of Interest made at the meeting."]),
    ("59. MINUTES OF THE PREVIOUS MEETING HELD ON 5TH FEBRUARY 2019",
     ["Consideration was given to the minutes of the previous meeting held on 5th February, 2019.",
      "Resolved:- That the minutes of the previous meeting held on 5th February, 2019, be approved as a "
      "correct record of proceedings."]),
    ("60. FOSTERING RECRUITMENT/YOUNG INSPECTORS REPORT",
     ["Ian Walker, Head of Service, presented the Young Inspectors report on fostering recruitment as a result "
      "of feedback received from foster carers.",
      "Foster carers had reported that, when making an initial enquiry to the Fostering Recruitment Team, they "
      "had been painted too negative a picture, putting people off. Work had taken place with 5 Young "
      "Inspectors who undertook an inspection via the website and a telephone mystery shopping exercise.",
      "It had resulted in some learning for the Recruitment Duty Team in respect of engaging people in the "
      "process first before working through the risks and potential pitfalls.",
      "Resolved:- (1) That the report be noted. (2) That when completed, the action plan be submitted to the "
      "Panel."]),
    ("61. REVISED FOSTER CARER FEES AND ALLOWANCES",
     ["Ian Walker, Head of Service, presented a report setting out the revised foster carer fees and "
      "allowances which had not been revised since 2016.",
      "The lack of sufficient foster placements meant that the Council relied upon the use of independent "
      "fostering agencies or residential provision, which had led to significant pressure on the external "
      "placement budget. In-house placements were more likely to maintain placement stability.",
      "Consultation had taken place with the Foster Carer Forum. Whilst financial incentives were a "
      "consideration, foster carers regarded the level of support received from their Fostering Social "
      "Worker as critical to their fostering experience.",
      "Resolved:- (1) That the revised foster carer fees and allowances be noted. (2) That information on "
      "the Local Offer be submitted to the next meeting of the Panel."]),
    ("62. NATIONAL IMPLEMENTATION ADVISER FOR CARE LEAVERS ANNUAL REPORT",
     ["Consideration was given to a report by the National Implementation Adviser for Care Leavers, who "
      "was appointed to work with all local authorities helping them to implement the new care leaver "
      "provisions introduced through the Children and Social Work Act.",
      "Every young person would have their own bank account before they left care, and training was to be "
      "delivered to foster carers on helping young people with budgeting.",
      "Resolved:- That the report be noted."]),
    ("63. THE HOUSE PROJECT (HP)",
     ["Consideration was given to a report on the House Project, which offers suitable, safe and long term "
      "post-care housing alongside a package of training and support for young people leaving care.",
      "10 young people had been selected for the project; the 6 month independence programme commenced in "
      "January and would run until July, 2019.",
      "Resolved:- (1) That the report be noted. (2) That where care leavers were moving into an area, they be "
      "provided with the contact details of the relevant Ward Members."]),
    ("64. OFSTED FOCUSSED VISIT",
     ["Consideration was given to a presentation on the recent Ofsted focussed visit: what was working well, "
      "improving placement stability, a 'Good' Adoption Service, and areas for further action.",
      "Resolved:- That the information be noted."]),
    ("65. BIG HEARTS BIG CHANGES - MARKET MANAGEMENT PROJECT",
     ["Ian Walker, Head of Service, presented a report on a market management project aiming to increase the "
      "range of options available to provide sufficiency of accommodation for Looked After Children.",
      "Resolved:- That the report be noted."]),
    ("66. CORPORATE PARENTING PERFORMANCE - FEBRUARY 2019",
     ["Consideration was given to the report which provided a summary of performance for key performance "
      "indicators across Looked After Children Services for February, 2019, read with the performance data "
      "report at Appendix A.",
      "The report drew attention to 645 LAC at the end of the month; 93.9% of statutory reviews within "
      "timescale; 97.4% statutory visits; and 13.4% of LAC having experienced 3 or more placement moves in "
      "the last 12 months, a slight improvement since the start of the year.",
      "Resolved:- That the contents of the report and accompanying dataset (Appendix A) be received and "
      "noted."]),
    ("67. LOOKED AFTER CHILDREN UPDATE APRIL 2019",
     ["Members of the LAC Council gave a presentation on their work, including Total Respect Training, the "
      "Caring Language Campaign and the Free Leisure Pass Campaign.",
      "Resolved:- (1) That the update be noted. (2) That the Strategic Director of Regeneration and "
      "Environment be invited to a future Panel meeting to discuss the Free Leisure Pass Campaign."]),
    ("68. DATE AND TIME OF FUTURE MEETINGS",
     ["Resolved:- That meetings take place during 2019/20 on Tuesday, 2nd July, 2019, 15th October, "
      "17th December, 4th February, 2020 and 31st March, all commencing at 3.30 p.m."]),
]

POLICY_SECTIONS = [
    ("1. Recommendations", [
        "1.1 DLT is recommended to note the contents of this report and to endorse the changes in the policy "
        "that are designed to better support the demand management strategy.",
        "1.2 DLT is also recommended to endorse the proposal to make the necessary financial arrangements to "
        "extend the policy for a further 4 years.",
    ]),
    ("2. Background", [
        "2.1 The original policy was approved by Cabinet in 2012 to provide home extensions and adaptations to "
        "the homes of foster carers and adopters, and to part fund home purchases where that would be more "
        "cost effective in meeting the needs of children than extending or adapting an existing home.",
        "2.2 Over time the implementation of this policy has extended beyond the initial remit. This redraft "
        "tightens the terms on which such a financial commitment will be made, so that social workers have a "
        "clearer concept of the circumstances in which such financial support will be offered.",
    ]),
    ("3. Key Issues", [
        "3.1 This policy sets out the criteria adopted by the Local Authority to provide funding to foster "
        "carers and adopters to extend their home, or to part fund new home purchases, where it is necessary "
        "to do so to meet the needs of looked after children.",
        "3.2 The policy covers all requests for home extensions and adaptations from foster carers, adopters "
        "and prospective Special Guardians caring for, or considering caring for, looked after children on a "
        "permanent basis.",
        "3.3 The revised policy is designed to support the Local Authority in meeting its legal duty to "
        "provide sufficient accommodation for looked after children, and to place siblings together unless "
        "an assessment concludes that it is not in their best interests.",
        "3.4 It will only be applicable where the funding provided will be used to provide additional bedroom "
        "space that will:",
    ]),
    ("4. Approval process", [
        "4.1 Social Workers should make no commitment to any person who may be eligible to financial support "
        "under this Policy before DLT approval has been formally provided.",
        "4.2 The proposed carer should be advised not to initiate any building work until the funding for the "
        "extension work is approved in writing.",
        "4.3 Once agreed, the allocated social worker will liaise with the CYPS Asset Manager, and a monthly "
        "multi-agency group will assess whether the proposed work complies with this policy before a site "
        "visit assesses the feasibility of the plan.",
        "4.4 If the agreed tender is found to exceed the amount agreed by DLT by more than 20%, the report will "
        "be presented to DLT again to approve the additional amount.",
    ]),
]
# The covering report's front page: what the Panel is asked to do, and what Appendix A is.
REPORT_DETAILS = [
    ("Meeting", "Corporate Parenting Panel"),
    ("Date", "Tuesday, 2nd July, 2019"),
    ("Title", "Corporate Parenting Performance Report – 2nd July 2019"),
    ("Is this a Key Decision and has it been included on the Forward Plan?", "No"),
    ("Strategic Director Approving Submission of the Report",
     "Strategic Director, Children and Young People’s Services"),
    ("Report Author(s)", "Cathryn Woodward (Performance and Data Officer – Social Care)\n"
                         "Ian Walker (Head of Service, Children in Care)"),
    ("Ward(s) Affected", "All"),
]
REPORT_SECTIONS = [
    ("Summary", [
        "1.1 This report provides a summary of performance for key performance indicators across Looked "
        "After Children (LAC) services for April 2019. It should be read in conjunction with the accompanying "
        "performance data report at Appendix A, which provides trend data, graphical analysis and benchmarking "
        "data against national and statistical neighbour averages where possible.",
        "1.2 Targets, with their red, amber and green tolerances, have been set in consideration of national "
        "and statistical neighbour benchmarking, recent performance and the Council’s improvement journey.",
    ]),
    ("Recommendations", [
        "2.1 That the Panel receives the report and the accompanying dataset (Appendix A) and considers the "
        "issues arising.",
    ]),
    ("List of Appendices Included", [
        "Appendices: Appendix A – Corporate Parenting Performance Report",
    ]),
    ("Background Papers", [
        "Ofsted Improvement Letter; Children’s Social Care Monthly Performance Reports.",
    ]),
]

POLICY_CRITERIA = [
    "Support a looked after child to remain in or move to an in-house placement rather than an external "
    "residential placement.",
    "Support extended family members or family friends to care for a child via a Special Guardianship Order "
    "where that child would otherwise become or remain looked after.",
    "Support existing foster carers to increase their bedroom capacity to offer additional placements.",
    "Support adoptive parents to adopt a sibling where the match could not otherwise progress for lack of "
    "bedroom space.",
]


class Bookmark(Flowable):
    """A zero-size mark that gives the page it lands on a bookmark, as a word processor's headings do."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title = key, title

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def _paragraph(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def _document(path: Path, title: str, header: str) -> tuple[SimpleDocTemplate, object]:
    def running_header(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(2.5 * cm, A4[1] - 1.5 * cm, f"{document.page}   {header}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm, topMargin=2.5 * cm,
        bottomMargin=2.5 * cm, title=title, author="Rotherham Metropolitan Borough Council", invariant=1,
    )
    return document, running_header


def minutes(path: Path) -> None:
    document, header = _document(path, "Corporate Parenting Panel minutes, 9 April 2019",
                                 "CORPORATE PARENTING PANEL - 09/04/19")
    story: list[Flowable] = [
        _paragraph("CORPORATE PARENTING PANEL", TITLE),
        _paragraph("Tuesday, 9th April, 2019", HEADING),
        _paragraph("Present:- Councillor Watson (in the Chair); Councillors Cusworth, Elliot, M. Elliott and "
                   "Jarvis."),
    ]
    for heading, paragraphs in MINUTE_ITEMS:
        story.append(_paragraph(heading, HEADING))
        story += [_paragraph(text) for text in paragraphs]
    document.build(story, onFirstPage=header, onLaterPages=header)


def policy(path: Path) -> None:
    document, header = _document(
        path, "Extensions and Adaptations to Homes of Foster Carers, Special Guardians and Adopters",
        "Extensions and Adaptations (revised policy)",
    )
    story: list[Flowable] = [
        _paragraph("Extensions and Adaptations to Homes of Foster Carers, Special Guardians and Adopters "
                   "(revised policy)", TITLE),
    ]
    for number, (heading, paragraphs) in enumerate(POLICY_SECTIONS, start=1):
        story += [Bookmark(f"section{number}", heading), _paragraph(heading, HEADING)]
        story += [_paragraph(text) for text in paragraphs]
        if heading.startswith("3."):
            story += [Paragraph(escape(text), BULLET, bulletText="•") for text in POLICY_CRITERIA]
            story.append(Spacer(1, 6))
    document.build(story, onFirstPage=header, onLaterPages=header)


def covering_report(path: Path) -> None:
    """The one-page covering report that the performance appendix is Appendix A to."""
    document, header = _document(path, "Corporate Parenting Performance Report – 2nd July 2019",
                                 "Corporate Parenting Panel – 2nd July 2019")
    story: list[Flowable] = [
        _paragraph("Public Report", HEADING),
        _paragraph("Council Report", TITLE),
    ]
    for label, value in REPORT_DETAILS:
        story.append(_paragraph(label, LABEL))
        story.append(Paragraph(escape(value).replace("\n", "<br/>"), BODY))
    for number, (heading, paragraphs) in enumerate(REPORT_SECTIONS, start=1):
        story += [Bookmark(f"cover{number}", heading), _paragraph(heading, HEADING)]
        story += [_paragraph(text, NUMBERED if text[:1].isdigit() else BODY) for text in paragraphs]
    document.build(story, onFirstPage=header, onLaterPages=header)


def write_samples(folder: Path = HERE) -> tuple[Path, Path, Path]:
    minutes(folder / MINUTES)
    policy(folder / POLICY)
    covering_report(folder / COVERING_REPORT)
    return folder / MINUTES, folder / POLICY, folder / COVERING_REPORT


def main() -> None:
    for path in write_samples():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
