"""timestamp.txt: the formats people write are read; anything else is said, never raised."""

from __future__ import annotations

import datetime

import pytest

from grader.course import timestamps

READ = {
    b"2019-10-24 20:25:53.460007 UTC": datetime.datetime(2019, 10, 24, 20, 25, 53, 460007),  # nbgrader's default format
    b"2019-10-24T20:25:53+02:00\n": datetime.datetime(2019, 10, 24, 18, 25, 53),  # ISO 8601
    b"2019-10-24T18:25:53Z": datetime.datetime(2019, 10, 24, 18, 25, 53),
    b"2019-10-24 20:25:53 -0700": datetime.datetime(2019, 10, 25, 3, 25, 53),  # nbgrader would take -0700 as seconds
    b"2019-10-24 20:25:53 Europe/Berlin": datetime.datetime(2019, 10, 24, 18, 25, 53),
    b"\xef\xbb\xbf2019-10-24 20:25": datetime.datetime(2019, 10, 24, 20, 25),  # UTF-8 with a BOM
    "2019-10-24 20:25:53 UTC".encode("utf-16"): datetime.datetime(2019, 10, 24, 20, 25, 53),  # Notepad's "Unicode"
}
UNREAD = {
    b"2019-10-24-20-25-53-460007": "could not be read as a date and time (it holds '2019-10-24-20-25-53-460007')",
    b"1571948753": "(it holds '1571948753')",  # seconds, milliseconds or a date: not said
    b"yesterday": "(it holds 'yesterday')",
    b"10/24/2019 20:25": "(it holds '10/24/2019 20:25')",  # month or day first: not said
    b"2019-13-45 20:25:53": "(it holds '2019-13-45 20:25:53')",
    b"": "timestamp.txt is empty",
    b" \n": "timestamp.txt is empty",
    b"\xe9t\xe9 2019": "is not UTF-8 text (it holds b'\\xe9t\\xe9 2019')",
    b"\x00" * 5: "(it holds '\\x00\\x00\\x00\\x00\\x00')",
}


@pytest.mark.parametrize("data, when", READ.items())
def test_unambiguous_timestamps_are_read_as_utc(data, when):
    assert timestamps.parse(data) == timestamps.Timestamp(when=when)


@pytest.mark.parametrize("data, said", UNREAD.items())
def test_anything_else_is_said_with_what_the_file_holds(data, said):
    found = timestamps.parse(data)
    assert found.when is None and said in found.problem


def test_a_folder_without_the_file_has_no_timestamp_and_no_problem(tmp_path):
    assert timestamps.read(tmp_path) == timestamps.Timestamp()


def test_a_huge_or_unopenable_file_is_a_problem_not_an_error(tmp_path):
    (tmp_path / "timestamp.txt").write_bytes(b"2019-10-24 20:25:53 " * 100)
    assert "longer than a timestamp" in timestamps.read(tmp_path).problem
    (tmp_path / "timestamp.txt").unlink()
    (tmp_path / "timestamp.txt").mkdir()
    assert "could not be opened" in timestamps.read(tmp_path).problem


def test_nbgraders_course_directory_reads_leniently(tmp_path):
    (tmp_path / "timestamp.txt").write_bytes(b"2019-10-24-20-25-53-460007")
    assert timestamps.LenientCourseDirectory().get_existing_timestamp(str(tmp_path)) is None
