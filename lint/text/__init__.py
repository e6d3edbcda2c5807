"""Text queries over an article: the spaCy pipeline, sentences, sections, token patterns."""
