"""python3 -m reference_service [flags], or python3 path/to/reference_service/__main__.py [flags]."""
import os
import sys

if not __package__:
    # started as a script: import the package from the folder above, never this folder's modules by bare name
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.path.insert(0, os.path.dirname(here))

from reference_service.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
