"""The web app (actions runtime): the city team's dashboard and the try-it web chat."""
