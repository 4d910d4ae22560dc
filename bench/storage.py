"""The production static storage without rewriting JS/CSS source-map comments."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestWithoutSourceMaps(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in str(p)))
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
    )
