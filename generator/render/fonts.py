"""Font profiles: which installed font plays each typographic role of GB/T 9704.

The shipped template names the ``gb2312`` fonts; rendering with another profile rewrites the
fonts of the template's styles (see ``docx_post.apply_font_profile``).
"""

from __future__ import annotations

from ..model.vocabulary import FontProfile

# role → font family name, per profile. Roles: fangsong (正文, 3/4级标题, 版记), kaiti (2级标题,
# 签发人姓名), heiti (1级标题), xiaobiaosong (标题, 发文机关标志), songti (页码), latin (digits, Latin).
FONT_PROFILES: dict[FontProfile, dict[str, str]] = {
    FontProfile.gb2312: {
        "fangsong": "仿宋_GB2312",
        "kaiti": "楷体_GB2312",
        "heiti": "黑体",
        "xiaobiaosong": "方正小标宋简体",
        "songti": "宋体",
        "latin": "Times New Roman",
    },
    FontProfile.windows: {
        "fangsong": "仿宋",
        "kaiti": "楷体",
        "heiti": "黑体",
        "xiaobiaosong": "华文中宋",
        "songti": "宋体",
        "latin": "Times New Roman",
    },
}

# Template style id → the role of its East-Asian font. The Latin font of body styles is ``latin``;
# page numbers use 宋体 for digits as well (GB/T 9704 7.5: 4号半角宋体阿拉伯数字).
STYLE_ROLES: dict[str, str] = {
    "Normal": "fangsong",
    "Body": "fangsong",
    "FzClosing": "fangsong",
    "Recipient": "fangsong",
    "Heading1": "heiti",
    "Heading2": "kaiti",
    "Heading3": "fangsong",
    "Heading4": "fangsong",
    "FzHeading1Char": "heiti",
    "FzHeading2Char": "kaiti",
    "FzHeading3Char": "fangsong",
    "FzHeading4Char": "fangsong",
    "FzTitle": "xiaobiaosong",
    "Mark": "xiaobiaosong",
    "DocNumber": "fangsong",
    "SignerName": "kaiti",
    "Attachment": "fangsong",
    "AttachmentMore": "fangsong",
    "SignatureName": "fangsong",
    "SignatureDate": "fangsong",
    "Imprint": "fangsong",
    "FzPageNumber": "songti",
    "MarkGap": "fangsong",
    "SignatureGap": "fangsong",
    "ImprintEnd": "fangsong",
}

# Styles whose digits and Latin letters use the East-Asian font too.
LATIN_AS_EAST_ASIAN = {"FzPageNumber"}


def profile(name: FontProfile) -> dict[str, str]:
    """The fonts of profile *name* by role."""
    return FONT_PROFILES[FontProfile(name)]
