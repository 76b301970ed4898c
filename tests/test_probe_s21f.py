"""Probe s21f: the file system as a director's laptop has it (``--out``, uploads).

Contract §2 ("Faults and hostile input"): a ``--out`` that cannot be written is a usage
error naming it, in the director's language, before the search; nothing is written on
failure. Found (and fixed here):

- folders made for ``--out a/b/c`` stayed behind when the command then wrote nothing;
- ``--out`` at a disk's root was refused only after the search, as "the file is in use";
- ``--out`` with a name over 255 bytes, a path over 4096 or a looping link: exit 1 and
  Python's English text;
- ``--out`` compared with the instance folder as a string: a bind mount of the folder
  holding the instance, given as ``--out``'s parent, wrote the outputs into the instance;
- the workbench's uploads on a full temporary disk: HTTP 500 and a traceback;
- ``EIO`` and ``ENOTEMPTY`` (and a few others) said in the system's English in French.

Probing further: ``--out ~`` replaced the home folder; ``generate`` failed at a disk's
root (cross-device link); ``explain --out .`` was refused as a folder "replaced as a
whole"; its explanations.csv was 0600; a folder named explanations.csv was found only
after the explanations; the disk full while the director's own files were kept blamed
one of them; a command's output sent to a full disk was an internal error ("nothing was
written", also beside a complete result); any other file error of the workbench was
"could not answer: reload".
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_writers_sample import sample_outcome

from matcher.cli import main
from matcher.errors import RequestError, os_reason
from matcher.labels import worded
from matcher.outputs import out_folder, writers
from matcher.outputs.writers import write_outputs
from matcher.results import RunOutcome

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "instances" / "tiny" / "teams-choices"
DEMO = ROOT / "instances" / "demo"
_RUN = ["--time-limit", "5", "--workers", "1", "--quiet", "--no-explain"]


def _disk_full(path: Path, outcome: RunOutcome, lang: str) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


def _failing_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """report.html cannot be written: the disk is full."""
    monkeypatch.setattr(writers, "_write_report", _disk_full)


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# 1. Folders made for --out, removed when nothing is written.


def test_folders_made_for_out_go_when_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: ``a`` and ``a/b`` stayed behind, empty, after "nothing was written"."""
    _failing_report(monkeypatch)
    (tmp_path / "kept").mkdir()
    with pytest.raises(RequestError) as refused:
        write_outputs(tmp_path / "a" / "b" / "c", sample_outcome(), instance_dir=tmp_path / "i")
    assert "le disque est plein" in refused.value.worded({}, "fr")
    assert _tree(tmp_path) == ["kept"]


def test_run_leaves_no_folder_it_made_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_report(monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--lang", "fr", "run", str(TINY), "--out", "a/b/c", *_RUN])
    assert result.exit_code == 2, result.output
    assert "--out a/b/c ne peut pas être écrit (le disque est plein)" in result.output
    assert _tree(tmp_path) == []


def test_a_folder_that_existed_before_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the folders the run made go: ``a`` was the director's (empty) folder."""
    _failing_report(monkeypatch)
    (tmp_path / "a").mkdir()
    with pytest.raises(RequestError):
        write_outputs(tmp_path / "a" / "b" / "c", sample_outcome(), instance_dir=tmp_path / "i")
    assert _tree(tmp_path) == ["a"]


def test_generate_leaves_no_folder_it_made_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matcher.generate

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(matcher.generate, "write_cohort", full)
    out = tmp_path / "x" / "y" / "cohort"
    result = CliRunner().invoke(main, ["generate", "--seed", "1", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "the disk is full" in result.output
    assert _tree(tmp_path) == []


def test_made_folders_are_removed_only_if_empty(tmp_path: Path) -> None:
    made = out_folder.made_folders(tmp_path / "a" / "b" / "c")
    assert made == [tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"]
    (tmp_path / "a" / "theirs.txt").write_text("kept")  # put there meanwhile
    out_folder.remove_made(made)
    assert _tree(tmp_path) == ["a", "a/theirs.txt"]
    assert out_folder.made_folders(tmp_path / "a") == []


@pytest.mark.parametrize("where", ["notes.txt", "mine/notes.txt"])
def test_the_disk_full_while_the_director_s_files_are_kept_blames_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Replacing a result, the director's own files in it are copied beside the new one;
    the disk full meanwhile said "notes.txt cannot be kept …: move it elsewhere", blaming
    a file that has nothing wrong. Now: --out cannot be written (the disk is full)."""
    out = tmp_path / "out"
    write_outputs(out, sample_outcome(), instance_dir=tmp_path / "i")
    (out / where).parent.mkdir(exist_ok=True)
    (out / where).write_text("mine")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full)
    with pytest.raises(RequestError) as refused:
        write_outputs(out, sample_outcome(), instance_dir=tmp_path / "i")
    said = refused.value.worded({"out": "--out"}, "fr")
    assert said.startswith(f"--out {out} ne peut pas être écrit (le disque est plein)"), said
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


# 2. A disk's root.


def test_out_at_a_disk_root_is_refused_before_the_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the search ran, then "cannot be written (the file is in use)" (EBUSY from
    renaming a mount point). ``os.path.ismount`` stands for a USB stick's root here; the
    real one is ``test_a_real_mount_root_is_refused``."""
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "notes.txt").write_text("mine")
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == stick or real(p))
    import matcher.app

    searched = matcher.app.run

    def no_search(*args: object, **kwargs: object) -> object:
        raise AssertionError("the search ran")  # exit 1

    monkeypatch.setattr(matcher.app, "run", no_search)
    args = ["--lang", "fr", "run", str(TINY), "--out", str(stick), *_RUN]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    monkeypatch.setattr(matcher.app, "run", searched)
    assert f"--out {stick} est la racine d'un disque" in result.output
    assert "Traceback" not in result.output
    assert _tree(stick) == ["notes.txt"]
    # A folder in it is what it asks for, and works.
    inside = CliRunner().invoke(main, ["run", str(TINY), "--out", str(stick / "results"), *_RUN])
    assert inside.exit_code == 0, inside.output


def test_explain_writes_its_file_at_a_disk_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``explain --out`` writes only explanations.csv into the folder (it does not replace
    it): a USB stick's root takes it."""
    result_dir = tmp_path / "result"
    done = CliRunner().invoke(main, ["run", str(TINY), "--out", str(result_dir), *_RUN])
    assert done.exit_code == 0, done.output
    stick = tmp_path / "stick"
    stick.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == stick or real(p))
    args = ["explain", str(TINY), "--result", str(result_dir), "--out", str(stick)]
    explained = CliRunner().invoke(main, [*args, "--time-limit", "5", "--quiet"])
    assert explained.exit_code == 0, explained.output
    assert _tree(stick) == ["explanations.csv"]


def test_explain_writes_its_file_into_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``explain --out .`` from the folder holding the cohort and its result: the folder
    is not replaced, explanations.csv is added to it. Before: refused as "the folder this
    command runs in … is replaced as a whole" (it is not, for explain). The result's own
    folder stays refused (it is never modified)."""
    shutil.copytree(TINY, tmp_path / "cohort")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["run", "cohort", "--out", "result", *_RUN])
    assert done.exit_code == 0, done.output
    args = ["explain", "cohort", "--result", "result", "--time-limit", "5", "--quiet"]
    explained = CliRunner().invoke(main, [*args, "--out", "."])
    assert explained.exit_code == 0, explained.output
    assert (tmp_path / "explanations.csv").is_file()
    refused = CliRunner().invoke(main, [*args, "--out", "result"])
    assert refused.exit_code == 2 and "is the --result folder" in refused.output


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_explain_s_file_is_readable_as_the_other_outputs(tmp_path: Path) -> None:
    """explanations.csv written by ``explain --out`` was 0600 (its temporary file's mode),
    every other output 0644 (the umask's): a colleague sharing the folder could not read
    it."""
    result_dir = tmp_path / "result"
    done = CliRunner().invoke(main, ["run", str(TINY), "--out", str(result_dir), *_RUN])
    assert done.exit_code == 0, done.output
    out = tmp_path / "explained"
    args = ["explain", str(TINY), "--result", str(result_dir), "--out", str(out)]
    explained = CliRunner().invoke(main, [*args, "--time-limit", "5", "--quiet"])
    assert explained.exit_code == 0, explained.output
    mask = os.umask(0o022)
    os.umask(mask)
    assert (out / "explanations.csv").stat().st_mode & 0o777 == 0o666 & ~mask
    assert (out / "explanations.csv").stat().st_mode & 0o777 == (
        (result_dir / "teams.csv").stat().st_mode & 0o777
    )


def test_explain_refuses_a_folder_named_explanations_csv_before_explaining(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the explanations were computed (up to the time limit), then "--out cannot be
    written (it is a folder)", --out being no file. Now at once, naming the folder in it."""
    import matcher.app

    result_dir = tmp_path / "result"
    done = CliRunner().invoke(main, ["run", str(TINY), "--out", str(result_dir), *_RUN])
    assert done.exit_code == 0, done.output
    out = tmp_path / "explained"
    (out / "explanations.csv").mkdir(parents=True)

    def no_explaining(*args: object, **kwargs: object) -> object:
        raise AssertionError("explained")  # exit 1

    monkeypatch.setattr(matcher.app, "explain", no_explaining)
    args = ["--lang", "fr", "explain", str(TINY), "--result", str(result_dir), "--out", str(out)]
    explained = CliRunner().invoke(main, [*args, "--time-limit", "5", "--quiet"])
    assert explained.exit_code == 2, explained.output
    assert f"{out / 'explanations.csv'}, qui s'y trouve, est un dossier" in explained.output


def test_out_slash_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(TINY), "--out", "/", *_RUN])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: --out / ")


def _unshare_ok() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt 2>/dev/null"], check=False
    )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(not _unshare_ok(), reason="needs root and mount namespaces")


def _in_namespace(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``script`` run by sh in a mount namespace of its own (its mounts are nobody else's)."""
    matcher = Path(sys.executable).with_name("matcher")
    env = {**os.environ, "M": str(matcher), "T": str(tmp_path), "I": str(TINY)}
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script], env=env, capture_output=True, text=True, timeout=60
    )


@needs_mounts
def test_a_real_mount_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "stick").mkdir()
    script = (
        'mount -t tmpfs none "$T/stick" && echo mine > "$T/stick/notes.txt" && '
        '"$M" --lang fr run "$I" --out "$T/stick" --time-limit 5 --no-explain; echo "rc=$?"; '
        'ls -A "$T/stick"'
    )
    done = _in_namespace(script, tmp_path)
    assert "rc=2" in done.stdout, done.stdout + done.stderr
    assert "est la racine d'un disque" in done.stderr
    assert "Résumé" not in done.stdout  # refused before the search, not after it
    assert done.stdout.split("rc=2")[1].split() == ["notes.txt"]


@needs_mounts
def test_generate_writes_at_a_disk_root(tmp_path: Path) -> None:
    """``generate`` writes its files into --out (it does not replace it): a USB stick's
    root takes them. Before: exit 2, "Invalid cross-device link" (its staging folder was
    made beside --out, on the other disk)."""
    (tmp_path / "stick").mkdir()
    script = (
        'mount -t tmpfs none "$T/stick" && '
        '"$M" --lang fr generate --seed 3 --students 20 --out "$T/stick" --quiet; '
        'echo "rc=$?"; ls -A "$T/stick"'
    )
    done = _in_namespace(script, tmp_path)
    assert done.stdout.split()[0] == "rc=0", done.stdout + done.stderr
    assert "students.csv" in done.stdout.split() and ".matcher" not in done.stdout


def test_generate_into_a_folder_holding_a_killed_generate_s_staging(tmp_path: Path) -> None:
    """generate stages inside --out when it exists (since it may be a disk's root): the
    staging folder of one killed there (its process gone, older than this one) is removed
    rather than make the folder "not empty"."""
    out = tmp_path / "cohort"
    stale = out / ".matcher-999999999-generate-abcd"
    stale.mkdir(parents=True)
    os.utime(stale, (0, 0))
    result = CliRunner().invoke(main, ["generate", "--seed", "1", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert not stale.exists() and (out / "students.csv").is_file()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_out_at_the_home_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """``--out ~`` (the folder's name forgotten), the cohort elsewhere, the command typed
    elsewhere: every file of the home folder was copied, then the home folder moved aside
    and replaced. Now refused before the search, as the working folder is; a folder in it
    is what it asks for."""
    home = tmp_path / "home" / "directrice"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "thesis.docx").write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    for out in ("~", str(home.parent)):
        args = ["--lang", lang, "run", str(TINY), "--out", out, *_RUN]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        said = {"en": "is your home folder", "fr": "est votre dossier personnel"}[lang]
        assert said in result.output
    assert _tree(tmp_path / "home") == ["directrice", "directrice/Documents",
                                        "directrice/Documents/thesis.docx"]  # fmt: skip
    inside = CliRunner().invoke(main, ["run", str(TINY), "--out", "~/results", *_RUN])
    assert inside.exit_code == 0, inside.output
    assert (home / "results" / "teams.csv").is_file()


# 3. Names and paths no file system takes; looping links.


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_name_over_255_bytes_is_a_usage_error(tmp_path: Path, lang: str) -> None:
    """Before: exit 1, "OSError: [Errno 36] File name too long"."""
    name = "é" * 200  # 400 bytes in UTF-8
    out = tmp_path / name
    result = CliRunner().invoke(main, ["--lang", lang, "run", str(TINY), "--out", str(out), *_RUN])
    assert result.exit_code == 2, result.output
    said = {"en": "is 400 bytes long", "fr": "fait 400 octets"}[lang]
    assert said in result.output
    assert "Errno" not in result.output and "internal" not in result.output
    assert _tree(tmp_path) == []


def test_a_path_over_4096_bytes_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path.joinpath(*["d" * 200] * 25)
    result = CliRunner().invoke(main, ["--lang", "fr", "run", str(TINY), "--out", str(out), *_RUN])
    assert result.exit_code == 2, result.output
    assert "son chemin fait" in result.output and "choisissez un dossier" in result.output
    assert len(result.output) < 600  # the path shortened in the sentence
    assert _tree(tmp_path) == []


@pytest.mark.parametrize("under", ["", "sub"])
def test_a_looping_link_is_a_usage_error(tmp_path: Path, under: str) -> None:
    """Before: exit 1, "RuntimeError: Symlink loop from …"."""
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    out = tmp_path / "loop1" / under if under else tmp_path / "loop1"
    for command in (["run", str(TINY), *_RUN], ["generate", "--seed", "1"]):
        result = CliRunner().invoke(main, ["--lang", "fr", *command, "--out", str(out)])
        assert result.exit_code == 2, result.output
        assert "un lien symbolique de son chemin renvoie à lui-même" in result.output


def test_serve_refuses_a_name_too_long_before_listening(tmp_path: Path) -> None:
    out = tmp_path / ("x" * 300)
    result = CliRunner().invoke(main, ["serve", "--out", str(out), "--no-open"])
    assert result.exit_code == 2, result.output
    assert "is 300 bytes long" in result.output


# 4. Folders compared as the disk has them.


def test_out_the_same_folder_as_the_instance_reached_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``other`` is the instance folder on disk (as a bind mount or another case on a
    case-insensitive disk makes it; ``os.path.samefile`` says so here): refused, and a
    folder inside it is the instance's too. Before: compared as strings, accepted."""
    instance = tmp_path / "cohort"
    shutil.copytree(TINY, instance)
    other = tmp_path / "other"
    other.mkdir()
    real = os.path.samefile

    def same(a: object, b: object) -> bool:
        pair = {Path(str(a)), Path(str(b))}
        return pair == {instance, other} or real(str(a), str(b))

    monkeypatch.setattr(os.path, "samefile", same)
    before = _tree(instance)
    result = CliRunner().invoke(main, ["run", str(instance), "--out", str(other), *_RUN])
    assert result.exit_code == 2, result.output
    assert "is the instance folder" in result.output
    # A folder in ``other`` holds no input: ``other`` is the instance folder, it is refused
    # as inside an input, as ``--out cohort/x`` would be when ``cohort`` is a --from.
    result = CliRunner().invoke(main, ["run", str(instance), "--out", str(tmp_path), *_RUN])
    assert result.exit_code == 2, result.output
    assert "holds the instance" in result.output
    assert _tree(instance) == before


@pytest.mark.parametrize(
    ("command", "option", "extra"),
    [
        ("whatif", "--from", ["--withdraw-student", "S001"]),
        ("report", "--result", []),
        ("plan", "--result", []),
        ("explain", "--result", []),
    ],
)
def test_out_the_same_folder_as_the_result_read_reached_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, option: str, extra: list[str]
) -> None:
    """``elsewhere`` is the result folder on disk (``os.path.samefile`` says so): --out
    there, or inside it, is refused as the result's folder, before anything is read."""
    result = tmp_path / "result"
    result.mkdir()
    for name in ("selection.csv", "teams.csv", "result.xlsx"):
        (result / name).write_text("", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = os.path.samefile

    def same(a: object, b: object) -> bool:
        return {Path(str(a)), Path(str(b))} == {result, elsewhere} or real(str(a), str(b))

    monkeypatch.setattr(os.path, "samefile", same)
    for out, said in ((elsewhere, f"is the {option} folder"), (elsewhere / "x", "lies inside")):
        args = [command, str(DEMO), option, str(result), "--out", str(out), *extra]
        run = CliRunner().invoke(main, args)
        assert run.exit_code == 2, run.output
        assert said in run.output, run.output
    assert _tree(result) == ["result.xlsx", "selection.csv", "teams.csv"]
    assert _tree(elsewhere) == []


@needs_mounts
def test_a_bind_mount_of_the_instance_folder_is_refused(tmp_path: Path) -> None:
    """Before: ``--out b2/cohort``, ``b2`` a bind mount of the folder holding the cohort,
    wrote the outputs into the cohort's folder (exit 0)."""
    (tmp_path / "home").mkdir()
    (tmp_path / "b2").mkdir()
    shutil.copytree(TINY, tmp_path / "home" / "cohort")
    before = _tree(tmp_path / "home")
    script = (
        'mount --bind "$T/home" "$T/b2" && cd "$T" && '
        '"$M" run home/cohort --out b2/cohort --time-limit 5 --no-explain --quiet; echo "rc=$?"; '
        '"$M" run home/cohort --out b2 --time-limit 5 --no-explain --quiet; echo "rc=$?"'
    )
    done = _in_namespace(script, tmp_path)
    assert done.stdout.split() == ["rc=2", "rc=2"], done.stdout + done.stderr
    assert "--out b2/cohort is the instance folder" in done.stderr
    assert "--out b2 holds the instance" in done.stderr
    assert _tree(tmp_path / "home") == before


# 5. Uploads on a full temporary disk.


def _full_temp(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", full)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_upload_on_a_full_temporary_disk_is_said_in_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """Before: HTTP 500, "the workbench could not answer: reload the page"."""
    from matcher.web import create_app

    flask_app = create_app(TINY, tmp_path / "out", lang)  # type: ignore[arg-type]
    client = flask_app.test_client()
    bench = flask_app.extensions["workbench"]
    opened = bench.instance
    _full_temp(monkeypatch)
    files = [
        (io.BytesIO((DEMO / "commissions.csv").read_bytes()), "commissions.csv"),
        (io.BytesIO((DEMO / "students.csv").read_bytes()), "students.csv"),
    ]
    answer = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    said = {
        "en": "could not be kept on this computer",
        "fr": "n&#39;ont pas pu être gardés sur cet ordinateur",
    }[lang]
    # Said as the page's message, not as a problem of the files; the cohort open stays.
    assert '<p class="message" data-role="message">' in page
    assert said in page.split('data-role="message">')[1].split("</p>")[0]
    assert {"en": "the disk is full", "fr": "le disque est plein"}[lang] in page
    assert 'data-role="problems"' not in page
    assert bench.instance is opened


def test_an_upload_without_any_usable_temporary_folder_is_said_in_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No temporary folder usable at all (Python's "No usable temporary directory
    found"): the page names the one asked for (TMPDIR) rather than fail again saying so."""
    from matcher.web import create_app

    client = create_app(None, tmp_path / "out", "en").test_client()  # type: ignore[arg-type]

    def none(*args: object, **kwargs: object) -> str:
        raise FileNotFoundError(errno.ENOENT, "No usable temporary directory found")

    monkeypatch.setattr(tempfile, "mkdtemp", none)
    monkeypatch.setattr(tempfile, "gettempdir", none)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "gone"))
    files = [(io.BytesIO((DEMO / "students.csv").read_bytes()), "students.csv")]
    answer = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert f"the temporary folder {tmp_path / 'gone'} takes no more" in page
    assert "no such file or folder" in page


def test_an_upload_spooled_to_a_full_disk_is_said_in_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request over 500 KB is spooled by the web server to a temporary file: the disk
    full while it is read is said in the page too (before: 500 and a traceback)."""
    from matcher.web import create_app

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    # What the spooled file rolls over to once it holds more than it keeps in memory.
    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    client = create_app(None, tmp_path / "out", "fr").test_client()  # type: ignore[arg-type]
    files = [(io.BytesIO(b"a" * 600_000), "students.csv")]
    answer = client.post("/upload", data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 200
    assert "le disque est plein" in answer.get_data(as_text=True)


@pytest.mark.parametrize("spooled", [False, True])
def test_arrivals_on_a_full_temporary_disk_are_said_in_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spooled: bool
) -> None:
    """The what-if's arrivals file: its copy (or, over 500 KB, the web server's spooled
    file) not kept on a full disk is said in the what-if's part of the page. Before: 500."""
    from matcher.web import create_app

    flask_app = create_app(TINY, tmp_path / "out", "fr", explain=False)
    client = flask_app.test_client()
    assert client.post("/run").status_code == 200
    bench = flask_app.extensions["workbench"]
    assert bench.worker is not None
    bench.worker.join(timeout=120)
    assert bench.outcome is not None, bench.solve_error

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile" if spooled else "mkdtemp", full)
    header = (TINY / "students.csv").read_text(encoding="utf-8").splitlines()[0]
    content = (header + "\n").encode() + (b" " * 600_000 if spooled else b"")
    answer = client.post(
        "/whatif",
        data={"arrivals": (io.BytesIO(content), "late.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 200
    assert "le disque est plein" in answer.get_data(as_text=True)
    assert bench.pending is None


def test_a_file_the_workbench_cannot_read_is_said_in_the_page_s_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any other file error of the workbench (a saved result on a disk removed, read for a
    download) answers one sentence in the page's language with the system's reason (the
    page shows it), not "could not answer: reload" (nor a traceback on the terminal)."""
    import matcher.web.routes.result as result_routes
    from matcher.web import create_app

    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("<p>saved</p>", encoding="utf-8")
    app = create_app(Path(__file__).resolve().parents[1] / "instances" / "demo", out, "fr")
    client = app.test_client()  # type: ignore[arg-type]
    bench = app.extensions["workbench"]
    bench.saved_for = bench.instance_dir  # as a save of the cohort open leaves it

    def removed(*args: object, **kwargs: object) -> object:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(result_routes, "send_file", removed)
    answer = client.get("/download/report.html")
    assert answer.status_code == 500
    said = answer.get_data(as_text=True)
    assert said.startswith("L'atelier n'a pas pu lire ou écrire un fichier"), said
    assert "erreur d'entrée/sortie" in said and "Input/output" not in said


needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@needs_dev_full
def test_output_sent_to_a_full_disk_is_no_internal_error(tmp_path: Path) -> None:
    """``matcher validate … > log.txt`` on a full disk (/dev/full stands for it). Before:
    exit 1, "erreur interne : OSError : [Errno 28] No space left on device … rien n'a été
    écrit"; and the same beside a complete result for ``run``."""
    matcher = str(Path(sys.executable).with_name("matcher"))
    with open("/dev/full", "w") as full:
        checked = subprocess.run(
            [matcher, "--lang", "fr", "validate", str(TINY)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )  # fmt: skip
        out = tmp_path / "result"
        ran = subprocess.run(
            [matcher, "--lang", "fr", "run", str(TINY), "--out", str(out), *_RUN[:4]],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert checked.returncode == 2, checked.stderr
    assert checked.stderr.splitlines() == [
        "erreur : ce que la commande affiche n'a pas pu être écrit sur sa sortie, le terminal "
        "ou le fichier vers lequel elle est envoyée (le disque est plein)",
        "rien n'a été écrit",
    ]
    # The result was in place before the summary could not be printed: exit 0, said so.
    assert ran.returncode == 0, ran.stderr
    assert "le résultat a été écrit avant : il est complet" in ran.stderr
    assert "interne" not in ran.stderr and "Errno" not in ran.stderr
    assert (out / "teams.csv").is_file() and (out / "summary.json").is_file()


def test_an_internal_error_after_the_result_was_written_says_it_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault while the summary is printed, the outputs in place: it said "nothing was
    written" beside a complete result. Exit 1 still (it is a fault of matcher's)."""
    import matcher.cli.run as run_command

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(run_command, "print_summary", broken)
    out = tmp_path / "result"
    result = CliRunner().invoke(main, ["--lang", "fr", "run", str(TINY), "--out", str(out), *_RUN])
    assert result.exit_code == 1, result.output
    assert "le résultat a été écrit avant : il est complet" in result.output
    assert "rien n'a été écrit" not in result.output
    assert (out / "teams.csv").is_file()


# 6. The system's reasons in French.


@pytest.mark.parametrize(
    ("code", "french"),
    [
        (errno.EIO, "erreur d'entrée/sortie"),
        (errno.ENOTEMPTY, "le dossier n'est pas vide"),
        (errno.EXDEV, "un autre disque"),
        (errno.ELOOP, "une boucle"),
        (errno.EEXIST, "il existe déjà"),
        (errno.EFBIG, "trop grand"),
        (errno.EINVAL, "le disque refuse le nom"),
        (errno.ESTALE, "le dossier réseau ne répond pas"),
        (errno.EMFILE, "trop de fichiers sont ouverts"),
        (errno.ENXIO, "un disque retiré"),
    ],
)
def test_os_errors_are_said_in_french(code: int, french: str) -> None:
    error = OSError(code, os.strerror(code))
    assert french in worded(os_reason(error), "fr")
    assert os.strerror(code) not in worded(os_reason(error), "fr")


def test_a_rarer_os_error_is_said_as_the_system_s_in_french() -> None:
    """One not worded: the system's (English) words, introduced as such in French."""
    error = OSError(errno.EPIPE, "Broken pipe")
    assert worded(os_reason(error), "fr") == "erreur du système : Broken pipe"
    assert worded(os_reason(error), "en") == "Broken pipe"


def test_an_input_output_error_while_writing_is_said_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(path: Path, outcome: RunOutcome, lang: str) -> None:
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(writers, "_write_report", failing)
    with pytest.raises(RequestError) as refused:
        write_outputs(tmp_path / "out", sample_outcome(), instance_dir=tmp_path / "i")
    said = refused.value.worded({}, "fr")
    assert "erreur d'entrée/sortie" in said and "Input/output" not in said
