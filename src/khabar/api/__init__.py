"""HTTP JSON API and server-rendered pages over the same Store queries as the CLI.

    pip install 'khabar[web]'
    uvicorn --factory khabar.api:create_app   # KHABAR_DB picks the database
"""

from khabar.api.app import create_app

__all__ = ["create_app"]
