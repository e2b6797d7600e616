"""Texts of the classroom tools every page has: presenter mode, predict then reveal, reset."""

TEXT = {
}
