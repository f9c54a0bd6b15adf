#!/usr/bin/env bash
# Estimates parley's telephone adaptation of Debian's 16 kHz US English pocketsphinx model and
# writes it to src/main/resources/io/parley/speech/pocketsphinx/en-us-phone.means:
# the model's Gaussian means adapted to human speech by MLLR then MAP (sphinxtrain's bw and
# mllr_solve, mllr_transform, then bw again and map_adapt with the transformed means as the prior)
# through the phone channel, as a translation bridge hears it: the recordings of the development
# set of issue 11 (Debian's asterisk-core-sounds-en-wav, top-level prompts a-k of 5-30 words),
# through G.711 mu-law, parley's resampler to 16 kHz, and the model's own front end.
# Only acoustic statistics are estimated: the language model and the dictionary are not touched.
#
#   scripts/adapt-phone-model.sh            adapt on both halves of the development set (what ships)
#   HALVES=A OUT=/tmp/a.means scripts/adapt-phone-model.sh
#                                           adapt on half A only, to measure on half B (cross-validation:
#                                           ./build measure io.parley.bench.HumanSpeechBench 'a:mean=/tmp/a.means')
# Needs the Debian packages sphinxtrain, sphinxbase-utils, pocketsphinx-en-us, python3-numpy and
# asterisk-core-sounds-en-wav (development only, not at run time).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
model=/usr/share/pocketsphinx/model/en-us
work=${WORK:-$here/target/phone-adaptation}
out=${OUT:-$here/src/main/resources/io/parley/speech/pocketsphinx/en-us-phone.means}
halves=${HALVES:-A B}
lambda=${LAMBDA:-0.5}
channel=$here/src/main/resources/io/parley/speech/pocketsphinx/en-us-phone.mllr
st=/usr/lib/sphinxtrain
for tool in "$st/bw" "$st/mllr_solve" "$st/mllr_transform" "$st/map_adapt" /usr/bin/sphinx_fe /usr/bin/pocketsphinx_mdef_convert python3; do
    [ -x "$(command -v "$tool")" ] || { echo "missing $tool: apt-get install sphinxtrain sphinxbase-utils pocketsphinx python3-numpy" >&2; exit 1; }
done
rm -rf "$work"; mkdir -p "$work/hmm" "$work/mllr" "$work/map" "$work/mfc" "$work/acc1" "$work/acc2"
cp "$model"/en-us/* "$work/hmm/"

# The recordings as the recogniser hears them, with sphinxtrain's control and transcription files.
(cd "$here" && ./build measure io.parley.bench.HumanSpeechBench --dump "$work/dev" >&2)

# The Debian model ships only the quantised mixture weights (sendump); bw needs mixture_weights.
python3 "$here/scripts/sendump-to-mixture-weights.py" "$model/en-us/sendump" "$work/hmm/mixture_weights"
pocketsphinx_mdef_convert -text "$model/en-us/mdef" "$work/hmm/mdef.txt" 2>/dev/null

: > "$work/adapt.fileids"; : > "$work/adapt.transcription"
for half in $halves; do
    sed "s|^|$half/|" "$work/dev/$half.fileids" >> "$work/adapt.fileids"
    sed "s|(\(.*\))\$|($half/\1)|" "$work/dev/$half.transcription" >> "$work/adapt.transcription"
    mkdir -p "$work/mfc/$half"
done
echo "adaptation recordings: $(wc -l < "$work/adapt.fileids") (halves: $halves)" >&2

sphinx_fe -argfile "$model/en-us/feat.params" -samprate 16000 -c "$work/adapt.fileids" \
    -di "$work/dev" -do "$work/mfc" -ei wav -eo mfc -mswav yes > "$work/fe.log" 2>&1
# Prompts with a word the dictionary lacks (e.g. "unmute") are skipped by bw, with a warning in bw.log.
accumulate() { # HMM_DIR ACCUM_DIR LOG
    "$st/bw" -hmmdir "$1" -moddeffn "$work/hmm/mdef.txt" -ts2cbfn .ptm. -feat 1s_c_d_dd \
        -svspec 0-12/13-25/26-38 -cmn current -agc none -dictfn "$model/cmudict-en-us.dict" \
        -fdictfn "$model/en-us/noisedict" -ctlfn "$work/adapt.fileids" -lsnfn "$work/adapt.transcription" \
        -cepdir "$work/mfc" -accumdir "$2" > "$3" 2>&1 || { tail -20 "$3" >&2; exit 1; }
}
# 1. One global MLLR transform of the means (the channel and the speaker's broad shape) ...
accumulate "$work/hmm" "$work/acc1" "$work/bw1.log"
"$st/mllr_solve" -meanfn "$work/hmm/means" -varfn "$work/hmm/variances" -outmllrfn "$work/mllr_matrix" \
    -accumdir "$work/acc1" > "$work/mllr.log" 2>&1 || { tail -20 "$work/mllr.log" >&2; exit 1; }
cp "$work/hmm"/* "$work/mllr/"
"$st/mllr_transform" -inmeanfn "$work/hmm/means" -outmeanfn "$work/mllr/means" -mllrmat "$work/mllr_matrix" \
    > "$work/transform.log" 2>&1 || { tail -20 "$work/transform.log" >&2; exit 1; }
# 2. ... then MAP, each Gaussian's mean moved towards the data it saw, from the transformed means.
accumulate "$work/mllr" "$work/acc2" "$work/bw2.log"
"$st/map_adapt" -moddeffn "$work/hmm/mdef.txt" -ts2cbfn .ptm. -meanfn "$work/mllr/means" \
    -varfn "$work/mllr/variances" -mixwfn "$work/mllr/mixture_weights" -tmatfn "$work/mllr/transition_matrices" \
    -accumdir "$work/acc2" -mapmeanfn "$work/map/means" -mapvarfn "$work/map/variances" \
    -mapmixwfn "$work/map/mixture_weights" -maptmatfn "$work/map/transition_matrices" \
    > "$work/map.log" 2>&1 || { tail -20 "$work/map.log" >&2; exit 1; }
# 3. Halfway between the channel-only means and the human ones. Only means ship: MAP-adapted
# variances, mixture weights and transitions generalised worse from one half to the other.
"$st/mllr_transform" -inmeanfn "$work/hmm/means" -outmeanfn "$work/channel.means" -mllrmat "$channel" \
    > "$work/channel.log" 2>&1 || { tail -20 "$work/channel.log" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
python3 - "$work/channel.means" "$work/map/means" "$lambda" "$out" <<'PY'
import sys, numpy as np
def read(path):  # sphinx s3 means: text header, byte-order word, uint32 body, uint32 checksum
    data = open(path, 'rb').read()
    at = data.index(b'endhdr\n') + 7
    return data[:at + 4], np.frombuffer(data[at + 4:-4], '<u4').copy()
def checksum(words):  # sphinxbase bio.c, 4-byte elements
    s = 0
    for w in words.tolist():
        s = (((s << 20) | (s >> 12)) + w) & 0xffffffff
    return s
head, a = read(sys.argv[1]); _, b = read(sys.argv[2]); weight = float(sys.argv[3])
assert len(a) == len(b)
first = 3 + int(a.view('<i4')[1]) + 1      # n_mgau, n_feat, n_density, one length per feature, count
mixed = a.view('<f4').copy()
mixed[first:] = (1 - weight) * a.view('<f4')[first:] + weight * b.view('<f4')[first:]
words = mixed.view('<u4')
open(sys.argv[4], 'wb').write(head + words.tobytes() + np.array([checksum(words)], '<u4').tobytes())
PY
echo "wrote $out (lambda $lambda; $(grep -c 'Skipped utterance' "$work/bw2.log" || true) prompts skipped for words not in the dictionary)" >&2
# The cepstral mean of the adaptation audio (the model's front end, silence included), for -cmninit.
python3 - "$work/mfc" <<'PY'
import glob, sys, numpy as np
total, frames = np.zeros(13), 0
for f in sorted(glob.glob(sys.argv[1] + '/*/*.mfc')):
    x = np.fromfile(f, '<f4')[1:].reshape(-1, 13)
    total += x.sum(0); frames += len(x)
print('cmninit ' + ','.join('%.2f' % v for v in total / frames))
PY
