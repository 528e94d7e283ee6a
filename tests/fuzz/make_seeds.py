#!/usr/bin/env python3
# Writes the seed corpora in tests/fuzz/corpus/ (committed; run again after changing a seed):
# raw requests taken from the server tests, overlap and batch-locate bodies, and geometries in
# fuzz_mvt's byte format (mode, zoom, options, then parts: a count and int16 x, y pairs).
import math, os, struct, random
root=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')
def tile(lon,lat,z):
    n=2**z; x=int((lon+180)/360*n); r=math.radians(lat)
    y=int((1-math.log(math.tan(r)+1/math.cos(r))/math.pi)/2*n); return x,y
def write(target,name,data):
    if isinstance(data,str): data=data.encode()
    open(os.path.join(root,target,name),'wb').write(data)
H='Host: localhost\r\n'
def get(t,extra=''): return f'GET {t} HTTP/1.1\r\n{H}{extra}\r\n'
def post(t,body,ct,extra=''):
    b=body.encode() if isinstance(body,str) else body
    return f'POST {t} HTTP/1.1\r\n{H}Content-Type: {ct}\r\nContent-Length: {len(b)}\r\n{extra}\r\n'.encode()+b
gets=["/healthz","/metrics","/api/v1/layers","/api/v1/locate?lon=125.45&lat=43.7",
"/api/v1/locate?lon=125.45&lat=43.7&layers=water_veins","/api/v1/locate?lon=125&lat=43&crs=EPSG:3857",
"/api/v1/locate?lon=125.4&lat=43.7&layers=groups,groups","/api/v1/locate?lon=125%2&lat=1","/api/v1/locate?lon=125&lat=nan",
"/api/v1/locate?lon=125.3245&lat=43.9070&crs=gcj02","/api/v1/nearest?lon=125.9&lat=43.6&layer=groups&k=2",
"/api/v1/nearest?lon=125&lat=43&layer=groups&k=two","/ogc","/ogc/conformance","/ogc/collections?f=json",
"/ogc/collections/groups","/ogc/collections/groups/items?bbox=124,43,127,45&f=json&key=a%26b&limit=1",
"/ogc/collections/groups/items?bbox=4500000,600000,4600000,700000&bbox-crs=EPSG:4529",
"/ogc/collections/groups/items?limit=1000000&offset=1","/ogc/collections/groups/items?offset=99999999999999999999999",
"/ogc/collections/groups/items/2","/ogc/collections/water_veins/items?bbox=125.30,43.40,125.40,43.60",
"/tiles.json","/tiles.json?layers=groups,water_veins","/api/v2/locate","/index.html"]
for i,t in enumerate(gets): write('fuzz_request',f'get-{i:02d}',get(t))
for z in (0,6,8,10,12):
    x,y=tile(125.45,43.7,z); write('fuzz_request',f'tile-z{z}',get(f'/tiles/{z}/{x}/{y}.mvt','Accept-Encoding: gzip\r\n'))
write('fuzz_request','tile-etag',get('/tiles/8/217/94.mvt','If-None-Match: "abc"\r\n'))
parcel='{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[125.3,43.6],[125.6,43.6],[125.6,43.7],[125.3,43.7],[125.3,43.6]]]}}'
write('fuzz_request','overlap',post('/api/v1/overlap',parcel,'application/geo+json'))
write('fuzz_request','overlap-pb',post('/api/v1/overlap',parcel,'application/json','Accept: application/x-protobuf\r\n'))
csv="site,lon,lat,note\nA,125.45,43.7,\"both, groups\"\nB,125.2,43.6,west\nC,125.9,43.9,east\n"
write('fuzz_request','locate-csv',post('/api/v1/locate',csv,'text/csv','Accept: text/csv\r\n'))
fc='{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[125.45,43.7]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[125.9,43.9]}}]}'
write('fuzz_request','locate-geojson',post('/api/v1/locate',fc,'application/geo+json'))
chunk=csv.encode()
write('fuzz_request','locate-chunked',f'POST /api/v1/locate HTTP/1.1\r\n{H}Content-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n{len(chunk):x}\r\n'.encode()+chunk+b'\r\n0\r\n\r\n')
write('fuzz_request','pipelined',get('/healthz')+get('/api/v1/locate?lon=125.45&lat=43.7')+get('/ogc/collections','Connection: close\r\n'))
write('fuzz_request','options',f'OPTIONS /api/v1/locate HTTP/1.1\r\n{H}Origin: http://x\r\nAccess-Control-Request-Method: POST\r\n\r\n')
write('fuzz_request','head',f'HEAD /healthz HTTP/1.1\r\n{H}\r\n')
write('fuzz_request','http10','GET /api/v1/layers HTTP/1.0\r\n\r\n')
write('fuzz_request','absolute','GET http://localhost/healthz HTTP/1.1\r\nHost: localhost\r\n\r\n')
write('fuzz_request','reload',post('/admin/reload','', 'text/plain','Authorization: Bearer x\r\n'))
write('fuzz_request','accept-text',get('/api/v1/locate?lon=125.45&lat=43.7','Accept: text/plain;q=0.9, application/x-protobuf;q=0.1\r\n'))
# fuzz_json_body: selector byte + body
bodies=[(0,parcel),(1,parcel),(2,parcel),
(0,'{"type":"Polygon","coordinates":[[[125.3,43.6],[125.6,43.6],[125.6,43.7],[125.3,43.7],[125.3,43.6]],[[125.4,43.62],[125.5,43.62],[125.5,43.68],[125.4,43.68],[125.4,43.62]]]}'),
(0,'{"type":"MultiPolygon","coordinates":[[[[125.3,43.6],[125.4,43.6],[125.4,43.7],[125.3,43.6]]],[[[125.5,43.6],[125.6,43.6],[125.6,43.7],[125.5,43.6]]]]}'),
(0,'{"type":"Polygon","coordinates":[[[125.3,43.6],[125.6,43.7],[125.6,43.6],[125.3,43.7],[125.3,43.6]]]}'),
(0,'{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":{"type":"Polygon","coordinates":[[[125.3,43.6],[125.6,43.6],[125.6,43.7],[125.3,43.6]]]}}]}'),
(0,'{"type":"Polygon","coordinates":[]}'),(0,'{"type":"Point","coordinates":[125.4,43.6]}'),(0,'[[[[1,2]]]]'),
(3,fc),(4,fc),(3,'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}'),
(3,'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":[1,{"b":null}]},"geometry":{"type":"Point","coordinates":[125.45,43.7,12]}}]}'),
(3,'{"type":"Point","coordinates":[1,2]}'),(4,'{"type":"FeatureCollection","features":[]}'),
(5,csv),(6,csv),(7,csv),(5,'lon,lat\n125,43\n125,abc\n'),(5,'lon,lat\n125,43,9\n'),(5,'lon,lat\n"125,43\n'),
(6,'\xef\xbb\xbfname,lon,lat\r\n"A, ""big"" site",125.1,43.8\n"two\nlines",125.2,43.7\n\n'),(5,'x,y\n1,2\n'),(7,'lat,lon\n43.7,125.45\n43.9,125.9\n'),
(0,'{"type":"Polygon","coordinates":[[[125.3,43.6],[125.6,43.6],[125.6,43.7],[125.3,43.7],[125.3,43.6]]],"crs":{"type":"name"}}')]
for i,(sel,b) in enumerate(bodies): write('fuzz_json_body',f'body-{i:02d}',bytes([sel])+b.encode('latin-1' if b.startswith('\xef') else 'utf-8'))
# fuzz_mvt: mode, z, options, [shift], parts: n-1 byte + int16 pairs
def part(pts):
    pts=[(max(-32768,min(32767,x)),max(-32768,min(32767,y))) for x,y in pts]
    return bytes([len(pts)-1])+b''.join(struct.pack('<hh',x,y) for x,y in pts)
sq=lambda x0,y0,s:[(x0,y0),(x0+s,y0),(x0+s,y0+s),(x0,y0+s)]
mode=lambda pixel,typ,multi=0: bytes([(1 if pixel else 0)|(typ<<1)|(0x40 if multi else 0)])
shapes={
'square':[sq(-8000,-8000,16000)],'hole':[sq(-20000,-20000,40000),sq(-5000,-5000,10000)[::-1]],
'bowtie':[[(-10000,-10000),(10000,10000),(10000,-10000),(-10000,10000)]],
'spike':[[(0,0),(10000,0),(10000,10000),(10000,20000),(10000,10000),(0,10000)]],
'touch':[sq(-10000,-10000,10000),sq(0,0,10000)],'edge-cross':[sq(-30000,-3000,32000)],
'thin':[[(-30000,0),(30000,0),(30000,3)]],'nested':[sq(-30000,-30000,60000),sq(-20000,-20000,40000)[::-1],sq(-10000,-10000,20000)],
'repeat':[[(0,0),(0,0),(5000,0),(5000,0),(5000,5000),(0,5000)]],
}
i=0
for name,parts in shapes.items():
    body=b''.join(part(p) for p in parts)
    for z in (3,10,14):
        write('fuzz_mvt',f'lonlat-poly-{name}-z{z}',mode(0,2,name=='touch')+bytes([z,0])+body); i+=1
    write('fuzz_mvt',f'pixel-poly-{name}',mode(1,2)+bytes([6,0,name=='thin' and 0 or 2])+body)
line=[(-30000,-30000),(0,100),(30000,-20000),(100,30000)]
for z in (2,12,16): write('fuzz_mvt',f'lonlat-line-z{z}',mode(0,1)+bytes([z,2])+part(line)+part([(5,5),(5,5)]))
write('fuzz_mvt','pixel-line',mode(1,1)+bytes([4,1,0])+part(line)+part([(-5,5),(7,5),(-5,5)]))
write('fuzz_mvt','lonlat-points',mode(0,0)+bytes([9,0])+part([(0,0),(-32768,32767),(32767,-32768),(0,0)]))
write('fuzz_mvt','pixel-points',mode(1,0)+bytes([9,1,3])+part([(0,0),(-32768,32767),(32767,-32768),(0,0)]))
random.seed(22)
for k in range(6):
    pts=[(random.randint(-32768,32767),random.randint(-32768,32767)) for _ in range(random.randint(3,20))]
    write('fuzz_mvt',f'random-{k}',mode(k%2,2,k%3==0)+bytes([random.randint(0,16),k,k])+part(pts))
