"""flask-async-lint: finds the code that quietly defeats async Flask and Quart views."""

__version__ = "0.1.0"
