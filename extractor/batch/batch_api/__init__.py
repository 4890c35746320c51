"""Provider batch APIs (``extractor run --batch-api``): half the price, answers within 24 h.

jobfile (request lines in the format OpenAI's ``/v1/batches`` and vLLM's
``run-batch`` read, split to the provider's limits; output lines read back) ->
state (the state file beside the results file that makes a run resumable) ->
poll (capped backoff, a progress bar of each batch's status and counts) -> run
(upload, create, poll, download, and one result line per article, answered from
the batch or, where the answer would be re-asked, on the live path).
"""
