"""API shapes of the payments app. Money leaves as {"amount": "600.00", "currency": "CNY"}."""
