-- deploy/docker-compose.yml: the knowledge and handoff databases next to the tracker store (`rasa`).
CREATE DATABASE knowledge OWNER advisor;
CREATE DATABASE handoff OWNER advisor;
