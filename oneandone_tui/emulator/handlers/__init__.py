"""One module per API category: validate -> mutate the store -> render the API's JSON.

Each module registers its routes with ``@route`` on import (see ``routes.py``).
"""
