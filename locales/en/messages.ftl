# Findings: what each rule says about one place in a document.
