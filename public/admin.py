"""Nothing to administer: the public pages have no models of their own."""
