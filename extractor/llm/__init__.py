"""The LLM engine: a model reads the article through instructor; the tool grounds it.

reading (what the model fills) -> prompts -> providers/transport (the request)
-> grounding/locate/mentions (every item found in the article) -> chunking
(long articles) -> engine (one `Extraction`).
"""
