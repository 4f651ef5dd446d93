"""Custom Rasa input channels (credentials.yml keys are module paths, e.g. `channels.slack.SlackInput`)."""
