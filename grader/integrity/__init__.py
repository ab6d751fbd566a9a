"""Integrity: the derivation scan and the incidents the grading steps record."""
