#!/usr/bin/env python3
"""Rebuilds sphinxtrain's mixture_weights from a pocketsphinx model's quantised sendump.

Debian's pocketsphinx-en-us ships only the sendump; sphinxtrain's bw and map_adapt need the
mixture weights. Usage: sendump-to-mixture-weights.py SENDUMP MIXTURE_WEIGHTS
"""
import struct, sys, numpy as np
src, dst = sys.argv[1], sys.argv[2]
with open(src, 'rb') as f:
    def rd():
        return struct.unpack('<i', f.read(4))[0]
    n = rd(); f.read(n)                      # title
    features = 0
    while True:
        n = rd()
        if n == 0:
            break
        h = f.read(n)[:-1].decode()
        if h.startswith('feature_count'):
            features = int(h.split()[1])
    codewords, senones = rd(), rd()
    mixw = np.empty((senones, features, codewords), dtype=np.float32)
    for i in range(features):
        for j in range(codewords):
            q = np.frombuffer(f.read(senones), dtype=np.uint8).astype(np.float64)
            mixw[:, i, j] = np.power(1.0001, -(q * 1024))
mixw /= mixw.sum(axis=2, keepdims=True)
with open(dst, 'wb') as o:
    head = b's3\nversion 1.0\n'
    pad = (4 - (len(head) + len(b'endhdr\n')) % 4) % 4
    o.write(head + b' ' * pad + b'endhdr\n')
    o.write(struct.pack('<i', 0x11223344))
    o.write(struct.pack('<IIII', senones, features, codewords, senones * features * codewords))
    o.write(mixw.astype('<f4').tobytes())
print(f'mixture_weights: {senones} senones x {features} streams x {codewords} codewords', file=sys.stderr)
