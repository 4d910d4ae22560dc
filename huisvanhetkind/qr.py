"""QR codes as inline SVG, for flyers and shortlists that families scan with a phone."""

import qrcode
import qrcode.image.svg
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, label: str) -> SafeString:
    """An accessible inline SVG QR code pointing at `url` (label read by screen readers)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=1)
    svg = image.to_string(encoding="unicode")
    # qrcode's own markup, with role and name added; the label is escaped.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
