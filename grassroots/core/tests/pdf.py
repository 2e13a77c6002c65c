"""The text of a PDF, as pdftotext (poppler-utils) extracts it: a failure in CI when missing."""

import os
import shutil
import subprocess

import pytest


def pdf_text(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing in CI")
        pytest.skip("pdftotext is missing; `make test` installs poppler-utils")
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode()
