"""Static files for production: hashed names and precompressed copies, gzip only.

WhiteNoise also writes brotli copies when the brotli module is installed (it is, for the PDF
fonts); brotli spends about 24 s on plotly.min.js alone, which `make run` pays on every fresh
start. Every browser accepts gzip, so the brotli copies are not made."""

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class GzipManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        return Compressor(use_brotli=False, **kwargs)
