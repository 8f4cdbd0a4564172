"""The badge core: the Cities of Learning domain library.

Models, services (use-case functions inside a unit of work), city packs, matching and the
``colbot`` command line. It imports no Rasa, channel or web framework code, so it runs the
same under the action server, the web app, the CLI and the tests.
"""
