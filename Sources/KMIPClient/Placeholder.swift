// Placeholder: replaced as this target is built.
