"""The working-group views, one module per subject (see `workinggroups/urls.py`)."""
