"""Youth League microsite kit: content model, validation and page generation."""
