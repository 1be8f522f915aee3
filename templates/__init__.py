"""Default draft templates of followup (NAME.txt.j2), installed as followup.templates."""
