"""Object storage for a city's stored files (FAZHI_S3_BUCKET): S3-compatible, such as MinIO, Ceph or a
cloud's object service, through django-storages.

django-storages opens an object for reading by downloading all of it first (into memory unless told
otherwise); a body-camera video runs to gigabytes. Here a file opened for reading is the object's body
as it arrives, so a download or a case archive passes it on in pieces from the first byte.
"""

from __future__ import annotations

from botocore.exceptions import ClientError
from django.core.files import File
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class ObjectStorage(S3Storage):  # type: ignore[misc]  # django-storages has no type information
    def _open(self, name: str, mode: str = "rb") -> File[bytes]:
        if mode != "rb":
            return super()._open(name, mode)  # type: ignore[no-any-return]
        key = self._normalize_name(clean_name(name))
        try:
            body = self.bucket.Object(key).get()["Body"]
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(f"No stored file {name}") from error
            raise
        return File(body, name)
