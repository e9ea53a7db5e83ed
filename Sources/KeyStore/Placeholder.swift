// Placeholder: replaced as the KeyStore target is built.
