// Placeholder: replaced as the TestSupport target is built.
