import { describe, expect, it } from 'vitest';
import { basemapOf, tileAddress, tileOf } from './basemap.ts';

const tianditu = {
  name: '天地图（政务网）',
  type: 'raster',
  url: 'http://10.1.2.3/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
  tileSize: 256,
  attribution: '审图号：GS(2024)0650号',
};

describe('the grid map’s base map', () => {
  it('is the first raster entry of Settings → Maps with a tile address', () => {
    expect(basemapOf(null)).toBeNull();
    expect(basemapOf([])).toBeNull();
    const vector = { name: 'v', type: 'style', url: 'http://10.1.2.3/style.json' };
    expect(basemapOf([vector, tianditu])).toEqual({
      name: '天地图（政务网）',
      url: tianditu.url,
      tileSize: 256,
      attribution: '审图号：GS(2024)0650号',
    });
    expect(basemapOf(JSON.stringify([tianditu]))?.url).toBe(tianditu.url);
  });

  it('passes over entries it cannot draw tiles from', () => {
    for (const bad of [
      { ...tianditu, type: 'tile' },
      { ...tianditu, url: 'file:///etc/{z}/{x}/{y}' },
      { ...tianditu, url: 'http://10.1.2.3/{z}/{x}.png' },
      { ...tianditu, url: 42 },
      'http://10.1.2.3/{z}/{x}/{y}.png',
      null,
    ])
      expect(basemapOf([bad])).toBeNull();
    expect(basemapOf('{not json')).toBeNull();
    expect(basemapOf({ __proto__: { 0: tianditu } })).toBeNull();
    const plain = basemapOf([{ type: 'raster', url: 'https://tiles.gov/{z}/{x}/{y}.png', tileSize: 'big', name: ' ' }]);
    expect(plain).toEqual({ name: '底图', url: 'https://tiles.gov/{z}/{x}/{y}.png', tileSize: 256, attribution: null });
  });

  it('reads a tile’s z/x/y only as whole numbers inside the world at that zoom', () => {
    expect(tileOf('10', '849', '415')).toEqual({ z: 10, x: 849, y: 415 });
    expect(tileOf('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    for (const [z, x, y] of [
      ['10', '1024', '0'],
      ['10', '0', '1024'],
      ['23', '0', '0'],
      ['-1', '0', '0'],
      ['1.5', '0', '0'],
      ['1e3', '0', '0'],
      ['', '0', '0'],
      [['1'], '0', '0'],
      ['10', '0x1', '0'],
    ])
      expect(tileOf(z, x, y)).toBeNull();
  });

  it('fills the address with the tile', () => {
    const basemap = basemapOf([tianditu])!;
    expect(tileAddress(basemap, { z: 10, x: 849, y: 415 })).toBe(
      'http://10.1.2.3/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIX=10&TILEROW=415&TILECOL=849',
    );
  });
});
