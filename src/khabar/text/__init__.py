"""The one normaliser, tokenizer, stemmer, sentence splitter and figure finder every step shares."""
