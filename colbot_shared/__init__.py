"""What both runtimes must compute the same way, written once: the Rasa side (Python 3.10,
``bot/``) and the badge core's side (Python 3.11, ``badge_core/``, ``actions/``, ``web/``)
both import it.

- ``keys``: whether the secret key is fit for real people;
- ``crypto``: keyed hashes, and sealing with keys derived from the secret (a learner's
  address, a poster link, a stored conversation event);
- ``codes``: the grammars of claim codes, link codes and staff invites (finding them in a
  message, reading a typed one back);
- ``identity``: the sender pseudonym the connectors give Rasa, and the identity hash a
  learner is found by.

Standard library and ``cryptography`` only: nothing here imports Rasa, the badge core or
any framework (tests/test_boundaries.py), so it loads in either interpreter.
"""
