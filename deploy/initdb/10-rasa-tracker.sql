-- Rasa's tracker store lives in its own database next to the badge core's.
CREATE DATABASE rasa_tracker OWNER colbot;
