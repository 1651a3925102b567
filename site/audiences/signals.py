from django.dispatch import Signal

# Sent inside the transaction that stores an object's audience, with
# content_type_id, object_id and keys (the document keys, see rules.document_keys).
# The search index narrows its copy in the same transaction.
audience_stored = Signal()
