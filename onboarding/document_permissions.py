"""Who may do what with the merchant's KYC documents (see also permissions.py).

- Every team member reads the checklist, each document's status and its checks.
- The owner uploads, replaces, deletes, enters expiry dates and submits: these are the
  business's legal declarations.
- Opening the files themselves (the sanitised copies: ID cards, licences, bank letters)
  is for the owner and viewers; a developer integrates the APIs and has no need to see the
  legal representative's ID card, so developers get a 404 for files.
- Staff open any file through the same view; each staff view is recorded in the audit trail.
"""

from onboarding.models import Role

MANAGE_DOCUMENTS = frozenset({Role.OWNER})
VIEW_DOCUMENT_FILES = frozenset({Role.OWNER, Role.VIEWER})
