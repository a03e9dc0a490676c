"""Step 4, render: a validated :class:`Report` → a GB/T 9704 document.

- gbt9704         every layout number of the standard, in one place (data only)
- context         Report → RenderContext: numbering, title lines, 落款, 版记 (the contract with templates)
- pagination      predicts where the text ends (imprint_padding, for custom templates)
- docx            RenderContext → .docx through the sandboxed docxtpl template
- imprint         the formal 版记 on an even page, counted through LibreOffice
- post            touches on the rendered document: font profile, 标志 size, 落款 indents, keep-with-next
- fonts           font profiles: which installed font plays each role
- html, pdf       the web page and the PDF (through LibreOffice)
- custom_template an agency's own template, checked before use;  template_docs  export and variable list

Nothing is imported here, so reading ``render.gbt9704`` costs nothing.
"""
